using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Specula.Tla.Values;
using Specula.Traces.Format;

namespace Specula.Traces.Mapping;

/// <summary>The outcome of converting one JSON value (or one action argument) to a TLA+ value.</summary>
/// <param name="Value">The value; meaningless when <see cref="Error"/> is set or <see cref="IsFree"/>.</param>
/// <param name="Error">Why it could not be converted; null on success.</param>
/// <param name="IsFree">The argument is free (<c>$any</c>): the validator enumerates it.</param>
public readonly record struct ValueConversion(Value Value, TraceDiagnostic? Error, bool IsFree = false)
{
    /// <summary>True when <see cref="Value"/> holds the converted value.</summary>
    public bool Ok => Error is null && !IsFree;
}

/// <summary>
/// Turns JSON from trace events into TLA+ values the way TLC's Json module does (CommunityModules <c>Json.java</c>):
/// objects become records (string keys), arrays become tuples, strings stay strings, integers are integers and
/// booleans booleans; on top of that the map's translations turn chosen strings into constants (model values)
/// and JSON <c>null</c> into the constant the map names. A number with a fraction, or a <c>null</c> with no
/// translation, is an error (TLC rejects both too), reported with the event's line and the value's JSON path.
/// </summary>
/// <remarks>Constants are resolved through a callback so that the converter does not depend on the evaluator: the
/// validator passes one that looks names up in the loaded model (constants and model values of the .cfg).</remarks>
public sealed class TraceValueConverter
{
    /// <summary>A JSON <c>null</c> with no translation.</summary>
    public const string NullCode = TraceCodes.NullWithoutTranslation;

    /// <summary>A number that is not an integer.</summary>
    public const string NotIntegerCode = TraceCodes.NotAnInteger;

    /// <summary>A translation or literal names a constant that the model does not define.</summary>
    public const string UnknownConstantCode = TraceCodes.UnknownConstant;

    /// <summary>An argument's field is not in the event's args.</summary>
    public const string MissingFieldCode = TraceCodes.MissingArgument;

    private readonly ValueTranslations _translations;
    private readonly StringTable _strings;
    private readonly Func<string, Value?> _resolveConstant;
    private readonly bool _modelValuesByName;

    /// <summary>Creates a converter.</summary>
    /// <param name="translations">The map's value translations.</param>
    /// <param name="strings">The run's string table (values from different tables must not meet).</param>
    /// <param name="resolveConstant">A constant's value by name, or null when there is no such constant.</param>
    /// <param name="modelValuesByName">Read a string that names a model value of the model as that model value (the
    /// validator's rule: a system logs node n1 as "n1" where the configuration says <c>Node = {n1, n2}</c>); off, strings
    /// stay strings, as in TLC's Json module.</param>
    public TraceValueConverter(ValueTranslations translations, StringTable strings, Func<string, Value?> resolveConstant, bool modelValuesByName = false)
    {
        ArgumentNullException.ThrowIfNull(translations);
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(resolveConstant);
        _translations = translations;
        _strings = strings;
        _resolveConstant = resolveConstant;
        _modelValuesByName = modelValuesByName;
    }

    /// <summary>Converts one JSON value.</summary>
    /// <param name="json">The value.</param>
    /// <param name="field">The name of the field holding it (its translations apply); null for none.</param>
    /// <param name="jsonPath">Its path, for messages (e.g. <c>$.state.role</c>).</param>
    /// <param name="file">The trace file, for messages.</param>
    /// <param name="line">The event's line, for messages.</param>
    /// <returns>The value or the first problem found in it.</returns>
    public ValueConversion Convert(JsonElement json, string? field, string jsonPath = "$", string file = "", int line = 0)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        TraceDiagnostic? error = null;
        var value = ConvertCore(json, field, jsonPath, file, line, ref error);
        return new ValueConversion(value, error);
    }

    /// <summary>The value of a node name: the constant of that name when the model has one (nodes as model
    /// values), the string otherwise (nodes as strings, as TLC's Json module gives them).</summary>
    /// <param name="node">The node's name as logged.</param>
    /// <returns>Its value.</returns>
    public Value ConvertNode(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _resolveConstant(node) ?? _strings.Str(node);
    }

    /// <summary>A logged string: the model value of that name when asked for and the model declares one, else the string.</summary>
    private Value StringOrModelValue(string text) =>
        _modelValuesByName && _strings.TryGetModelValue(text, out var modelValue) ? Value.Model(modelValue) : _strings.Str(text);

    /// <summary>The value of an observed state field of an event.</summary>
    /// <param name="ev">The event.</param>
    /// <param name="field">The state field.</param>
    /// <returns>The value, an error, or (when the event does not log the field) a conversion with
    /// <see cref="ValueConversion.IsFree"/> set: that event says nothing about the variable.</returns>
    public ValueConversion ConvertState(TraceEvent ev, string field)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(field);
        return ev.State.TryGetValue(field, out var json)
            ? Convert(json, field, "$.state." + field, ev.File, ev.Line)
            : new ValueConversion(default, null, IsFree: true);
    }

    /// <summary>The value of one action argument for an event.</summary>
    /// <param name="ev">The event.</param>
    /// <param name="source">Where the argument comes from.</param>
    /// <returns>The value, an error, or a free argument (<see cref="ValueConversion.IsFree"/>).</returns>
    public ValueConversion ConvertArgument(TraceEvent ev, ArgSource source)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentNullException.ThrowIfNull(source);
        switch (source)
        {
            case NodeSource:
                return new ValueConversion(ConvertNode(ev.Node), null);
            case AnySource:
                return new ValueConversion(default, null, IsFree: true);
            case LiteralSource literal:
                return ConvertLiteral(literal.Text);
            case FieldSource field:
            {
                var segments = field.Segments;
                if (!ev.Args.TryGetValue(segments[0], out var json))
                {
                    return Missing(ev, field.Path);
                }
                for (var i = 1; i < segments.Count; i++)
                {
                    if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty(segments[i], out json))
                    {
                        return Missing(ev, field.Path);
                    }
                }
                return Convert(json, field.LastSegment, "$.args." + field.Path, ev.File, ev.Line);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown argument source.");
        }
    }

    /// <summary>The value of a literal from the map: a constant of that name, else an integer, else a string.</summary>
    /// <param name="text">The literal as written.</param>
    /// <returns>Its value.</returns>
    public ValueConversion ConvertLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_resolveConstant(text) is { } constant)
        {
            return new ValueConversion(constant, null);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return new ValueConversion(Value.Int(n), null);
        }
        return text switch
        {
            "TRUE" => new ValueConversion(Value.True, null),
            "FALSE" => new ValueConversion(Value.False, null),
            _ => new ValueConversion(_strings.Str(text), null),
        };
    }

    /// <summary>
    /// Converts JSON as written, without a document, for the common case; false when the general way is needed
    /// (a problem to report with its path, a number beyond 64 bits), which then gives the same value or the error.
    /// </summary>
    /// <param name="json">One JSON value, known to be well formed.</param>
    /// <param name="field">The name of the field holding it (its translations apply); null for none.</param>
    /// <param name="names">Decodes repeated strings without allocating.</param>
    /// <param name="memo">Objects converted recently, to reuse.</param>
    /// <param name="value">The value, when true.</param>
    internal bool TryConvertRaw(ReadOnlySpan<byte> json, string? field, Utf8Names names, ConversionMemo memo, out Value value)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (reader.Read())
            {
                return TryConvertToken(ref reader, json, field, names, memo, out value);
            }
            value = default;
            return false;
        }
        catch (JsonException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>The value at the reader's current token (left on its last token); the rules of <see cref="ConvertCore"/>.</summary>
    private bool TryConvertToken(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string? field, Utf8Names names, ConversionMemo memo, out Value value)
    {
        value = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            {
                var s = names.Get(ref reader);
                if (_translations.Translate(field, s) is { } name)
                {
                    return _resolveConstant(name) is { } constant && Assign(constant, out value);
                }
                value = StringOrModelValue(s);
                return true;
            }
            case JsonTokenType.Number:
                if (!reader.TryGetInt64(out var n))
                {
                    return false;
                }
                value = Value.Int(n);
                return true;
            case JsonTokenType.True:
                value = Value.True;
                return true;
            case JsonTokenType.False:
                value = Value.False;
                return true;
            case JsonTokenType.Null:
                return _translations.Null is { } nullName && _resolveConstant(nullName) is { } translated && Assign(translated, out value);
            case JsonTokenType.StartArray:
            case JsonTokenType.StartObject:
            {
                // The value's JSON: all of it at the top (nothing is read after it), else up to where a copy of the reader
                // that skips it ends.
                var top = reader.CurrentDepth == 0;
                var end = reader;
                if (!top)
                {
                    end.Skip();
                }
                var whole = top ? json : json[(int)reader.TokenStartIndex..(int)end.BytesConsumed];
                var hash = 0;
                if (whole.Length <= ConversionMemo.MaxLength && memo.TryGet(field, whole, out hash, out value))
                {
                    reader = end;
                    return true;
                }
                var converted = reader.TokenType == JsonTokenType.StartArray
                    ? TryConvertArray(ref reader, json, field, names, memo, out value)
                    : TryConvertObject(ref reader, json, names, memo, out value);
                if (converted && whole.Length <= ConversionMemo.MaxLength)
                {
                    memo.Add(hash, field, whole, value);
                }
                return converted;
            }
            default:
                return false;
        }
    }

    private bool TryConvertArray(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, string? field, Utf8Names names, ConversionMemo memo, out Value value)
    {
        value = default;
        var items = memo.Rent();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!TryConvertToken(ref reader, json, field, names, memo, out var item))
                {
                    return false;
                }
                items.Add(item);
            }
            value = FunctionValue.Tuple(CollectionsMarshal.AsSpan(items)).AsValue;
            return true;
        }
        finally
        {
            memo.Return(items);
        }
    }

    private bool TryConvertObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, Utf8Names names, ConversionMemo memo, out Value value)
    {
        value = default;
        var fields = new List<(TlaString Name, Value Value)>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = names.Get(ref reader);
            var name = _strings.Intern(key);
            reader.Read();
            if (!TryConvertToken(ref reader, json, key, names, memo, out var item))
            {
                return false;
            }
            // A key written twice keeps its last value, as Jackson (behind TLC's Json module) does.
            var at = 0;
            while (at < fields.Count && !ReferenceEquals(fields[at].Name, name))
            {
                at++;
            }
            if (at < fields.Count)
            {
                fields[at] = (name, item);
                continue;
            }
            fields.Add((name, item));
        }
        value = fields.Count == 0 ? FunctionValue.EmptyTuple.AsValue : FunctionValue.Record(CollectionsMarshal.AsSpan(fields)).AsValue;
        return true;
    }

    private static bool Assign(Value found, out Value value)
    {
        value = found;
        return true;
    }

    private static ValueConversion Missing(TraceEvent ev, string path) =>
        new(default, new TraceDiagnostic(MissingFieldCode, $"Event {ev.Event} has no argument '{path}'.", ev.File, ev.Line, 1, "$.args." + path));

    private Value ConvertCore(JsonElement json, string? field, string path, string file, int line, ref TraceDiagnostic? error)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String:
            {
                var s = json.GetString()!;
                if (_translations.Translate(field, s) is { } name)
                {
                    return Constant(name, $"translation of \"{s}\" in field '{field}'", path, file, line, ref error);
                }
                return StringOrModelValue(s);
            }
            case JsonValueKind.Number:
            {
                if (json.TryGetInt64(out var n))
                {
                    return Value.Int(n);
                }
                var raw = json.GetRawText();
                if (BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
                {
                    return Value.Int(big);
                }
                error ??= new TraceDiagnostic(NotIntegerCode, $"{raw} at {path} is not an integer; TLA+ traces hold integers only.", file, line, 1, path);
                return default;
            }
            case JsonValueKind.True:
                return Value.True;
            case JsonValueKind.False:
                return Value.False;
            case JsonValueKind.Null:
                if (_translations.Null is { } nullName)
                {
                    return Constant(nullName, "translation of null", path, file, line, ref error);
                }
                error ??= new TraceDiagnostic(NullCode,
                    $"null at {path} has no TLA+ value; give one in the map (values: {{ \"null\": Nil }}).", file, line, 1, path);
                return default;
            case JsonValueKind.Array:
            {
                var items = new Value[json.GetArrayLength()];
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    items[i] = ConvertCore(item, field, $"{path}[{i}]", file, line, ref error);
                    i++;
                }
                return FunctionValue.Tuple(items).AsValue;
            }
            case JsonValueKind.Object:
            {
                var fields = new List<(TlaString Name, Value Value)>();
                foreach (var p in json.EnumerateObject())
                {
                    var name = _strings.Intern(p.Name);
                    var value = ConvertCore(p.Value, p.Name, $"{path}.{p.Name}", file, line, ref error);
                    // A key written twice keeps its last value, as Jackson (behind TLC's Json module) does.
                    var at = fields.FindIndex(f => ReferenceEquals(f.Name, name));
                    if (at >= 0)
                    {
                        fields[at] = (name, value);
                        continue;
                    }
                    fields.Add((name, value));
                }
                return fields.Count == 0 ? FunctionValue.EmptyTuple.AsValue : FunctionValue.Record([.. fields]).AsValue;
            }
            default:
                error ??= new TraceDiagnostic(NotIntegerCode, $"Unsupported JSON at {path}.", file, line, 1, path);
                return default;
        }
    }

    private Value Constant(string name, string what, string path, string file, int line, ref TraceDiagnostic? error)
    {
        if (_resolveConstant(name) is { } value)
        {
            return value;
        }
        error ??= new TraceDiagnostic(UnknownConstantCode, $"'{name}' ({what}, at {path}) is not a constant of the model.", file, line, 1, path);
        return default;
    }
}
