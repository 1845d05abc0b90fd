using System.CommandLine;

namespace Specula.Cli;

/// <summary>Builds the <c>specula</c> command tree and runs it.</summary>
public static class SpeculaApp
{
    /// <summary>Examples shown at the end of <c>specula --help</c>.</summary>
    internal const string Examples = """
        Examples:
          specula parse specs/                 Parse and check every .tla module under specs/
          specula parse Raft.tla --json        Machine-readable diagnostics
          specula check MCRaft.tla             Model-check with MCRaft.cfg, as TLC would
          specula check Spec.tla -c MC.cfg -w 2 --json
          specula trace examples/etcd-raft --seeds 5
                                               Build and run a real system in Docker, collect 5 traces
          specula bench parse                  Measure parser throughput
        """;

    /// <summary>A subcommand by name, created only when it may run.</summary>
    private sealed record Subcommand(string Name, Func<TextWriter, TextWriter, Command> Create);

    // One line per command, in the order help lists them: each lives in Commands/ and owns its options and handler.
    private static readonly Subcommand[] Subcommands =
    [
        new("parse", Commands.ParseCommand.Create),
        new("check", Commands.CheckCommand.Create),
        new("trace", Commands.TraceCommand.Create),
        new("run", Commands.RunCommand.Create),
        new("validate", Commands.ValidateCommand.Create),
        new("score", Commands.ScoreCommand.Create),
        new("synthesize", Commands.SynthesizeCommand.Create),
        new("bench", Commands.BenchCommand.Create),
        new("transcript", Commands.TranscriptCommand.Create),
        new("report", Commands.ReportCommand.Create),
        new("nightly", Commands.NightlyCommand.Create),
    ];

    /// <summary>Creates the root command with every subcommand registered.</summary>
    public static RootCommand CreateRootCommand(TextWriter stdout, TextWriter stderr) => Build(Subcommands, stdout, stderr);

    /// <summary>
    /// Creates the root command with only the subcommand <paramref name="args"/> names, or with all of them when the
    /// first argument names none (help, version, a typo to suggest a command for, a response file).
    /// </summary>
    /// <remarks>
    /// Building a command's options compiles their generic instantiations, which no ahead-of-time image holds: a
    /// short <c>specula check</c> should not pay for the options of every other command.
    /// </remarks>
    internal static RootCommand CreateRootCommand(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var named = args.Length > 0 ? Subcommands.FirstOrDefault(s => s.Name == args[0]) : null;
        return Build(named is null ? Subcommands : [named], stdout, stderr);
    }

    private static RootCommand Build(IEnumerable<Subcommand> subcommands, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Specula: turn a real system's code and observed behaviour into a TLA+ specification that conforms to it.");
        foreach (var subcommand in subcommands)
        {
            root.Subcommands.Add(subcommand.Create(stdout, stderr));
        }
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the selected command; returns the exit code.</summary>
    /// <remarks>Errors are reported as <see cref="CommandRunner.RunAsync"/> reports them.</remarks>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = CreateRootCommand(args, stdout, stderr);
        var result = root.Parse(args);
        var code = await CommandRunner.RunAsync(result, stdout, stderr).ConfigureAwait(false);
        var askedForHelp = args.Length == 0 || args.Contains("--help") || args.Contains("-h") || args.Contains("-?");
        if (askedForHelp && result.Errors.Count == 0 && result.CommandResult.Command == root)
        {
            await stdout.WriteLineAsync(Examples).ConfigureAwait(false);
        }
        return code;
    }
}
