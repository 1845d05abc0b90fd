using Specula.Sandboxes.Manifest;

namespace Specula.Sandboxes.Tests;

public sealed class ManifestLoaderTests
{
    private const string Valid = """
        version: 1
        name: demo
        language: go
        build:
          toolchain: go
          kits: [go]
          command: go build -o "$SPECULA_OUT/demo" .
          outputs: [demo]
          timeout: 5m
          limits: { memory: 2g, pids: 512 }
        workloads:
          - name: smoke
            command: $SPECULA_TARGET/demo
            seeds: 3
            faults: [crash-leader, { pause: { at: 1s, for: 500ms } }]
            timeout: 1m30s
            limits: { memory: 256m, pids: 64, cpus: 1.5, tmp: 16m }
          - name: fixed
            command: $SPECULA_TARGET/demo
            seeds: [7, 9]
        traces:
          dir: traces
          pattern: "*.ndjson"
        """;

    [Fact]
    public void Valid_manifest_is_read_into_an_immutable_model()
    {
        var result = ManifestLoader.Parse(Valid);

        Assert.True(result.IsSuccess, string.Join("\n", result.Diagnostics));
        var m = result.Manifest!;
        Assert.Equal("demo", m.Name);
        Assert.Equal("go", m.Build!.Toolchain);
        Assert.Equal(["go"], m.Build.Kits);
        Assert.Equal(2L * 1024 * 1024 * 1024, m.Build.Limits.MemoryBytes);
        var smoke = m.Workloads[0];
        Assert.Equal([1L, 2L, 3L], smoke.Seeds);
        Assert.Equal(["crash-leader"], smoke.TargetFaults);
        Assert.Equal(new SandboxFault(SandboxFaultKind.Pause, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500)), Assert.Single(smoke.SandboxFaults));
        Assert.Equal(TimeSpan.FromSeconds(90), smoke.Timeout);
        Assert.Equal(new ResourceLimits(256L << 20, 64, 1_500_000_000, 16L << 20), smoke.Limits);
        Assert.Equal([7L, 9L], m.Workloads[1].Seeds);
        Assert.Equal(new TraceSection("traces", "*.ndjson"), m.Traces);
    }

    [Fact]
    public void Every_error_is_reported_at_once_with_its_line()
    {
        const string text = """
            version: 2
            name: demo
            langauge: go
            build:
              command: make
              toolchain: rust
            workloads:
              - name: a
                command: run
                seeds: many
                timeout: soon
                limits: { memory: lots }
              - name: a
                command: run
                faults: [Crash Leader, { pause: { at: 1s } }]
            traces:
              dir: ../up
            """;
        var result = ManifestLoader.Parse(text, "specula.yaml");

        Assert.False(result.IsSuccess);
        var found = result.Diagnostics.Select(d => (d.Code, d.Line)).ToArray();
        Assert.Contains((ManifestCodes.Version, 1), found);
        Assert.Contains((ManifestCodes.UnknownKey, 3), found);     // langauge
        Assert.Contains((ManifestCodes.Missing, 1), found);        // language is missing
        Assert.Contains((ManifestCodes.InvalidValue, 6), found);   // rust
        Assert.Contains((ManifestCodes.InvalidValue, 10), found);  // seeds: many
        Assert.Contains((ManifestCodes.InvalidValue, 11), found);  // timeout: soon
        Assert.Contains((ManifestCodes.InvalidValue, 12), found);  // memory: lots
        Assert.Contains((ManifestCodes.Duplicate, 13), found);     // second 'a'
        Assert.Contains((ManifestCodes.InvalidValue, 15), found);  // "Crash Leader"
        Assert.Contains((ManifestCodes.Missing, 15), found);       // pause without 'for'
        Assert.Contains((ManifestCodes.InvalidValue, 17), found);  // ../up
        Assert.Equal("did you mean 'language'?", result.Diagnostics.Single(d => d.Code == ManifestCodes.UnknownKey).Fix);
    }

    [Fact]
    public void Pod_workloads_and_node_faults()
    {
        const string text = """
            version: 1
            name: pod
            language: shell
            workloads:
              - name: ok
                nodes:
                  - { name: n1, command: server }
                  - { name: n2, command: server }
                command: client
                faults: [{ kill: { node: n1, at: 1s, for: 2s } }, { pause: { node: n2, at: 3s, for: 1s } }]
              - name: bad
                nodes:
                  - { name: driver, command: x }
                command: client
                faults: [{ kill: { node: n9, at: 1s, for: 1s } }, { pause: { at: 1s, for: 1s } }, { kill: { at: 1s, for: 1s } }]
              - name: single
                command: client
                faults: [{ pause: { node: n1, at: 1s, for: 1s } }]
            traces: { dir: traces }
            """;
        var result = ManifestLoader.Parse(text);

        var found = result.Diagnostics.Select(d => (d.Code, d.Line)).ToArray();
        Assert.Contains((ManifestCodes.InvalidValue, 13), found); // 'driver' is reserved
        Assert.Contains((ManifestCodes.InvalidValue, 15), found); // n9, and a pause without a node in a pod
        Assert.Contains((ManifestCodes.Missing, 15), found);      // kill without a node
        Assert.Contains((ManifestCodes.InvalidValue, 18), found); // a node fault without nodes
        Assert.DoesNotContain(found, d => d.Line < 12);

        var ok = ManifestLoader.Parse(text[..text.IndexOf("  - name: bad", StringComparison.Ordinal)] + "traces: { dir: traces }\n").Manifest!.Workloads[0];
        Assert.Equal(["n1", "n2"], ok.Nodes.Select(n => n.Name));
        Assert.Equal([new Docker.NodeFault(Docker.NodeFaultKind.KillRestart, "n1", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
            new Docker.NodeFault(Docker.NodeFaultKind.Pause, "n2", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1))], ok.NodeFaults);
    }

    [Fact]
    public void Disconnect_faults_name_a_node_of_a_pod_and_end_before_the_timeout()
    {
        const string text = """
            version: 1
            name: pod
            language: shell
            workloads:
              - name: ok
                nodes:
                  - { name: n1, command: server }
                command: client
                faults: [{ disconnect: { node: n1, at: 1s, for: 2s } }]
              - name: bad
                nodes:
                  - { name: n1, command: server }
                command: client
                timeout: 5s
                faults:
                  - { disconnect: { at: 1s, for: 1s } }
                  - { disconnect: { node: n9, at: 1s, for: 1s } }
                  - { disconnect: { node: n1, at: 4s, for: 1s } }
                  - { disconnect: { node: n1, at: 1s, for: 1s, why: x } }
              - name: single
                command: client
                faults: [{ disconnect: { node: n1, at: 1s, for: 1s } }]
            traces: { dir: traces }
            """;
        var result = ManifestLoader.Parse(text);

        var found = result.Diagnostics.Select(d => (d.Code, d.Line)).ToArray();
        Assert.Equal(
            [(ManifestCodes.Missing, 16),        // no node to cut off
             (ManifestCodes.InvalidValue, 17),   // n9
             (ManifestCodes.InvalidValue, 18),   // ends at the timeout
             (ManifestCodes.UnknownKey, 19),     // why
             (ManifestCodes.InvalidValue, 22)],  // not a pod
            found.OrderBy(d => d.Line));

        var ok = ManifestLoader.Parse(text[..text.IndexOf("  - name: bad", StringComparison.Ordinal)] + "traces: { dir: traces }\n").Manifest!.Workloads[0];
        Assert.Equal([new Docker.NodeFault(Docker.NodeFaultKind.Disconnect, "n1", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))], ok.NodeFaults);
    }

    [Fact]
    public void Image_section_and_top_level_kits()
    {
        var ok = ManifestLoader.Parse("""
            version: 1
            name: py
            language: python
            image: { base: debian, packages: [python3, libssl3] }
            kits: [python]
            workloads: [{ name: w, command: python3 x.py }]
            traces: { dir: traces }
            """);
        Assert.True(ok.IsSuccess, string.Join("\n", ok.Diagnostics));
        Assert.Equal(new ImageSection("debian", ["python3", "libssl3"]), ok.Manifest!.Image);
        Assert.Equal(["python"], ok.Manifest.AllKits);

        var bad = ManifestLoader.Parse("""
            version: 1
            name: py
            language: python
            image: { base: alpine, packages: [Python 3] }
            kits: [ruby]
            workloads: [{ name: w, command: x }]
            traces: { dir: traces }
            """);
        Assert.Equal([(ManifestCodes.InvalidValue, 4), (ManifestCodes.InvalidValue, 4), (ManifestCodes.InvalidValue, 4), (ManifestCodes.InvalidValue, 5)],
            bad.Diagnostics.Select(d => (d.Code, d.Line)));
    }

    [Fact]
    public void Yaml_syntax_error_has_a_position()
    {
        var result = ManifestLoader.Parse("version: 1\nname: demo\n  language: go\n", "x.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ManifestCodes.Syntax, d.Code);
        Assert.Equal(3, d.Line);
        Assert.StartsWith("x.yaml:3:", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unterminated_flow_list_is_a_syntax_error_not_a_crash()
    {
        var result = ManifestLoader.Parse("version: 1\nname: [unclosed\nlanguage: go\n");

        Assert.Equal(ManifestCodes.Syntax, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Empty_manifest_is_one_error_not_a_crash()
    {
        var result = ManifestLoader.Parse("");

        Assert.Equal(ManifestCodes.WrongShape, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("250ms", 250)]
    [InlineData("12", 12_000)]
    public void Durations(string text, long ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), ManifestLoader.ParseDuration(text));

    [Theory]
    [InlineData("256m", 256L << 20)]
    [InlineData("2g", 2L << 30)]
    [InlineData("512Mi", 512L << 20)]
    [InlineData("64k", 64L << 10)]
    [InlineData("1000", 1000L)]
    public void Sizes(string text, long bytes) => Assert.Equal(bytes, ManifestLoader.ParseSize(text));

    [Fact]
    public void The_shipped_examples_are_valid()
    {
        foreach (var manifest in Directory.GetFiles(Repo.Path("examples"), "specula.yaml", SearchOption.AllDirectories))
        {
            var result = ManifestLoader.LoadFile(manifest);
            Assert.True(result.IsSuccess, manifest + "\n" + string.Join("\n", result.Diagnostics));
        }
    }
}

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Specula.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Specula.sln not found above the test binaries");
    }
}
