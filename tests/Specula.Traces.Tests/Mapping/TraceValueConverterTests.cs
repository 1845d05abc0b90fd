using System.Text.Json;
using Specula.Tla.Values;
using Specula.Traces.Format;
using Specula.Traces.Mapping;
using Specula.Traces.Tests.Format;

namespace Specula.Traces.Tests.Mapping;

public sealed class TraceValueConverterTests
{
    private readonly StringTable _strings = new();
    private readonly Dictionary<string, Value> _constants = new(StringComparer.Ordinal);

    private TraceValueConverter Converter(ValueTranslations? translations = null)
    {
        foreach (var name in new[] { "Follower", "Leader", "Nil", "n1", "n2" })
        {
            _constants[name] = Value.Model(_strings.ModelValue(name));
        }
        return new TraceValueConverter(translations ?? ValueTranslations.None, _strings, n => _constants.TryGetValue(n, out var v) ? v : null);
    }

    private static ValueTranslations Roles(string? nil = "Nil") => new(
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["role"] = new Dictionary<string, string> { ["Follower"] = "Follower", ["Leader"] = "Leader" },
            ["kind"] = new Dictionary<string, string> { ["ghost"] = "Ghost" },
        }, nil);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string Show(ValueConversion c)
    {
        Assert.True(c.Ok, c.Error?.ToString());
        return c.Value.ToString();
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("-7", "-7")]
    [InlineData("true", "TRUE")]
    [InlineData("\"a b\"", "\"a b\"")]
    [InlineData("[]", "<<>>")]
    [InlineData("{}", "<<>>")]
    [InlineData("[1, \"x\", [2]]", "<<1, \"x\", <<2>>>>")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    public void Json_values_become_TLC_values(string json, string tla) =>
        Assert.Equal(tla, Show(Converter().Convert(Json(json), null)));

    [Fact]
    public void Objects_become_records_nested_ones_too()
    {
        var c = Converter(Roles());
        var value = c.Convert(Json("""{"term":3,"msg":{"from":"n1","entries":[{"term":1}]}}"""), null);
        Assert.Equal("[term |-> 3, msg |-> [from |-> \"n1\", entries |-> <<[term |-> 1]>>]]", Show(value));
        Assert.True(value.Value.AsFunction.IsRecord);
    }

    [Fact]
    public void Translations_apply_by_the_nearest_field_name_at_any_depth()
    {
        var c = Converter(Roles());
        Assert.Equal("Follower", Show(c.Convert(Json("\"Follower\""), "role")));
        Assert.Equal("\"Follower\"", Show(c.Convert(Json("\"Follower\""), "name")));
        var nested = c.Convert(Json("""{"peers":[{"role":"Leader"}],"roles":["Leader"],"role":["Leader","Other"]}"""), null);
        Assert.Equal("[peers |-> <<[role |-> Leader]>>, role |-> <<Leader, \"Other\">>, roles |-> <<\"Leader\">>]", Show(nested));
        Assert.True(nested.Value.AsFunction.Values[0].AsFunction.Values[0].AsFunction.Values[0].IsModelValue);
    }

    [Fact]
    public void A_key_written_twice_keeps_its_last_value() =>
        Assert.Equal("[a |-> 2]", Show(Converter().Convert(Json("""{"a":1,"a":2}"""), null)));

    [Fact]
    public void Null_becomes_the_translated_constant()
    {
        var c = Converter(Roles());
        var value = c.Convert(Json("""{"leader":null}"""), null);
        Assert.Equal("[leader |-> Nil]", Show(value));
    }

    [Fact]
    public void Null_without_a_translation_is_TRC130_with_its_path_and_line()
    {
        var c = Converter();
        var result = c.Convert(Json("""{"log":[1,null]}"""), null, "$.state", "t.ndjson", 12);
        Assert.False(result.Ok);
        Assert.Equal(("TRC130", "t.ndjson", 12, "$.state.log[1]"), (result.Error!.Code, result.Error.File, result.Error.Line, result.Error.JsonPath));
    }

    [Fact]
    public void Fractions_are_TRC131()
    {
        Assert.Equal(TraceValueConverter.NotIntegerCode, Converter().Convert(Json("1.5"), null).Error!.Code);
    }

    [Fact]
    public void A_translation_to_an_unknown_constant_is_TRC132()
    {
        var result = Converter(Roles()).Convert(Json("\"ghost\""), "kind");
        Assert.Equal(TraceValueConverter.UnknownConstantCode, result.Error!.Code);
        Assert.Contains("'Ghost'", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_are_constants_when_the_model_has_them_and_strings_otherwise()
    {
        var c = Converter();
        Assert.True(c.ConvertNode("n1").IsModelValue);
        Assert.Equal("\"n9\"", c.ConvertNode("n9").ToString());
    }

    [Fact]
    public void Arguments_of_a_real_event()
    {
        var trace = TraceReader.ReadFile(TestFiles.Data("etcd-leader-crash-excerpt.ndjson")).Trace!;
        var send = trace.Events[7]; // n1 Send MsgVote to n2
        var c = Converter(Roles());
        Assert.Equal("n1", Show(c.ConvertArgument(send, ArgSource.Node)));
        Assert.Equal("\"n2\"", Show(c.ConvertArgument(send, ArgSource.Field("to"))));
        Assert.Equal("\"MsgVote\"", Show(c.ConvertArgument(send, ArgSource.Field("type"))));
        Assert.True(c.ConvertArgument(send, ArgSource.Any).IsFree);
        Assert.Equal("Nil", Show(c.ConvertArgument(send, ArgSource.Literal("Nil"))));
        Assert.Equal("5", Show(c.ConvertArgument(send, ArgSource.Literal("5"))));
        Assert.Equal("\"text\"", Show(c.ConvertArgument(send, ArgSource.Literal("text"))));
        var missing = c.ConvertArgument(send, ArgSource.Field("msg.term"));
        Assert.Equal(("TRC133", 8, "$.args.msg.term"), (missing.Error!.Code, missing.Error.Line, missing.Error.JsonPath));
        Assert.Equal("Follower", Show(c.ConvertState(trace.Events[0], "role")));
        Assert.Equal("1", Show(c.ConvertState(trace.Events[0], "commitIndex")));
        Assert.True(c.ConvertState(trace.Events[0], "nope").IsFree);
    }

    [Fact]
    public void Nested_field_paths_reach_into_args()
    {
        var path = Path.Combine(Path.GetTempPath(), $"conv-{Guid.NewGuid():N}.ndjson");
        File.WriteAllText(path, """{"tag":"trace","v":1,"seq":1,"node":"n2","event":"Recv","args":{"msg":{"term":4,"role":"Leader"}}}""" + "\n");
        try
        {
            var e = TraceReader.ReadFile(path).Trace!.Events[0];
            var c = Converter(Roles());
            Assert.Equal("4", Show(c.ConvertArgument(e, ArgSource.Field("msg.term"))));
            Assert.Equal("Leader", Show(c.ConvertArgument(e, ArgSource.Field("msg.role"))));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
