using Specula.Agents.Checks;
using Specula.Agents.Llm;
using Specula.Agents.Plugins;
using Specula.Agents.Runs;
using Specula.Reports.Model;
using Specula.Testing.Chat;

namespace Specula.Agents.Tests;

public sealed class DivergenceAndAzureTests
{
    [Fact]
    public async Task A_divergence_from_validation_is_given_to_the_model_as_data_and_the_fix_makes_the_trace_conform()
    {
        using var target = new CounterTarget();
        // The drafted Reset restarts at 1; the code (counter.go:17) and the trace restart at 0.
        var wrongReset = CounterTarget.FixedSpec.Replace("![n] = 0]", "![n] = 1]", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(target.Spec, "Counter.tla"), wrongReset);
        await using var server = new ScriptedChatServer();
        server.Enqueue(
            ChatReply.Tools(CounterTarget.Call("tla-validate", new { })),
            ChatReply.Tools(CounterTarget.Call("repo-read_file", new { path = "counter.go", start = 14, end = 19 })),
            ChatReply.Tools(CounterTarget.Call("spec-write", new { path = "Counter.tla", content = CounterTarget.FixedSpec })),
            ChatReply.Text("Reset restarts at 0 (counter.go:17); the trace's Reset event observed count 0."));

        var outcome = await target.RunLlmAsync(server);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        var records = target.Transcript();
        var firstValidate = records.First(r => r.Kind == TranscriptKind.Check && r.Data.GetProperty("check").GetString() == "validate");
        Assert.False(firstValidate.Data.GetProperty("ok").GetBoolean());
        var divergence = firstValidate.Data.GetProperty("details").GetProperty("divergences")[0];
        Assert.Equal("specula.divergence/v1", divergence.GetProperty("schema").GetString());
        Assert.Equal("Reset", divergence.GetProperty("event").GetProperty("event").GetString());
        // The prompt carries the divergence, and the validate tool returns it too.
        Assert.Contains("specula.divergence/v1", server.Requests[0].Messages[1]!["content"]!.ToString());
        Assert.Contains("\"conforming\":0", server.Requests[1].LastToolResult);
        Assert.Contains("specula.divergence/v1", server.Requests[1].LastToolResult);
    }

    [Fact]
    public async Task Azure_OpenAI_is_called_by_deployment_with_the_api_key_header()
    {
        using var target = new CounterTarget();
        await using var server = new ScriptedChatServer();
        server.Enqueue(CounterTarget.Repair());
        var options = CounterTarget.Llm(server) with { Provider = LlmProvider.AzureOpenAI, Endpoint = new Uri(server.BaseUri, "/") };
        using var reasoner = new LlmReasoner(options, TimeProvider.System);
        var services = new RunServices(reasoner, new FolderRepositoryReader(target.Repo), root => new FolderTraceCollector(Path.Combine(root, "traces")),
            new EngineTraceValidation(), TimeProvider.System);

        var outcome = await new Orchestrator(CounterTarget.Plan(), services).RunAsync(target.Options(), CancellationToken.None);

        Assert.Equal(VerdictStatus.Conforming, outcome.Verdict);
        Assert.Equal("/openai/deployments/scripted-model/chat/completions", server.Requests[0].Path);
        Assert.Equal(CounterTarget.ApiKey, server.Requests[0].ApiKeyHeader);
        Assert.DoesNotContain(CounterTarget.ApiKey, target.TranscriptText());
    }

    [Fact]
    public void Llm_options_resolve_from_the_environment_and_refuse_what_cannot_work()
    {
        var environment = new Dictionary<string, string>
        {
            [LlmOptions.EndpointVariable] = "https://example-resource.openai.azure.com/",
            [LlmOptions.ModelVariable] = "gpt-deploy",
            [LlmOptions.ApiKeyVariable] = "sek-ret-42",
        };
        var (options, error) = LlmOptions.Resolve(null, null, null, null, n => environment.GetValueOrDefault(n));
        Assert.Null(error);
        Assert.Equal(LlmProvider.AzureOpenAI, options!.Provider);
        Assert.Equal("gpt-deploy", options.Model);
        Assert.Equal("sek-ret-42", options.ApiKey);
        Assert.DoesNotContain("sek-ret-42", options.ToString(), StringComparison.Ordinal);

        Assert.Contains("not an http(s) URL", LlmOptions.Resolve("ftp://x", "m", null, null, _ => null).Error);
        Assert.Contains("unknown LLM provider", LlmOptions.Resolve("http://127.0.0.1:1/v1/", "m", null, "bedrock", _ => null).Error);
        Assert.Contains("no LLM model", LlmOptions.Resolve("http://127.0.0.1:1/v1/", null, null, null, _ => null).Error);
    }
}
