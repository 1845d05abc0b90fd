using Specula.Tla.Config;

namespace Specula.Tla.Tests.Config;

/// <summary>Canonical <c>.cfg</c> text: a snapshot of what users read, and read → format → read is stable.</summary>
public sealed class ConfigFormatTests
{
    [Fact]
    public void Snapshot_of_a_full_config()
    {
        var text =
            """
            \* comments are dropped
            INVARIANT TypeOK INVARIANTS Safe
            CONSTANTS N = 3 Procs = {p1, p2} Op <- MCOp S = "s"
            CONSTANT a = a F(1, x) = {} Ballot <- [Voting] MCBallot NoHash = [Nano] NoHashVal
            SPECIFICATION Spec
            PROPERTY Live CONSTRAINT Bound ACTION_CONSTRAINT Step
            SYMMETRY Perms VIEW View ALIAS Alias POSTCONDITION Post
            CHECK_DEADLOCK FALSE
            """;
        var result = ModelConfigReader.Read("MC.cfg", text);
        Assert.True(result.Diagnostics.IsEmpty, string.Join("\n", result.Diagnostics));
        Assert.Equal(
            """
            CONSTANTS
                N = 3
                Procs = {p1, p2}
                S = "s"
                a = a
                F(1, x) = {}
                NoHash = [Nano] NoHashVal
                Op <- MCOp
                Ballot <- [Voting] MCBallot
            SPECIFICATION Spec
            CONSTRAINTS
                Bound
            ACTION_CONSTRAINTS
                Step
            INVARIANTS
                TypeOK
                Safe
            PROPERTIES
                Live
            SYMMETRY Perms
            VIEW View
            ALIAS Alias
            POSTCONDITIONS
                Post
            CHECK_DEADLOCK FALSE

            """.ReplaceLineEndings("\n"),
            result.Config.Format());
    }

    [Fact]
    public void Empty_config_formats_to_nothing() => Assert.Equal("", ModelConfigReader.Read("MC.cfg", "").Config.Format());

    [Fact]
    public void Init_next_and_experimental_keywords()
    {
        var config = ModelConfigReader.Read("MC.cfg", "NEXT Next INIT Init CHECK_DEADLOCK TRUE _PERIODIC P _RL_REWARD R _POSSIBLE Q").Config;
        Assert.Equal("INIT Init\nNEXT Next\nCHECK_DEADLOCK TRUE\n_PERIODIC P\n_RL_REWARD R\n_POSSIBLE\n    Q\n", config.Format());
    }

    [Fact]
    public void Corpus_configs_format_stably()
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
        foreach (var file in Directory.EnumerateFiles(corpus, "*.cfg", SearchOption.AllDirectories))
        {
            var first = ModelConfigReader.ReadFile(file).Config.Format();
            var second = ModelConfigReader.Read("formatted.cfg", first);
            Assert.True(second.Diagnostics.IsEmpty, file + "\n" + string.Join("\n", second.Diagnostics));
            Assert.Equal(first, second.Config.Format());
        }
    }
}
