using System.Text.RegularExpressions;
using Specula.Tla.Checking;
using Specula.Tla.Evaluation;

namespace Specula.Tla.Tests.Evaluation;

/// <summary>
/// Minimized reproductions of disagreements with TLC found on tlaplus/Examples (Regressions/&lt;Name&gt;/, with TLC's
/// figures in README.md). Each fixture listed here is fixed and must stay so; the others document open work.
/// </summary>
public sealed partial class RegressionFixtureTests
{
    private static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Regressions", name);

    [Theory]
    [InlineData("ActionComposition")]
    [InlineData("AssumePrint")]
    [InlineData("BitwiseXor")]
    [InlineData("CheckerStatistics")]
    [InlineData("DyadicRationalsOps")]
    [InlineData("FunctionTuplePattern")]
    [InlineData("ImportedStandardOverride")]
    [InlineData("InstanceConstantAssignment")]
    [InlineData("InstanceImplicitVars")]
    [InlineData("InstanceImportedAction")]
    [InlineData("InstanceOperatorAction")]
    [InlineData("InstanceOverride")]
    [InlineData("InstanceUnchangedDefinition")]
    [InlineData("LazyFunctionArgument")]
    [InlineData("LazySetFilterMembership")]
    [InlineData("LetInExtendedModule")]
    [InlineData("LazyUnionMembership")]
    [InlineData("LivenessHolds")]
    [InlineData("NoBehaviour")]
    [InlineData("OverrideAssign")]
    [InlineData("OverrideInit")]
    [InlineData("PrimedArgument")]
    [InlineData("PrimedParameter")]
    [InlineData("RecursiveArgumentBlowup")]
    [InlineData("RecursiveArgumentInAction")]
    [InlineData("RecursiveLetBlowup")]
    [InlineData("RecursiveLetScope")]
    [InlineData("RefinementProperty")]
    [InlineData("SharedInstanceEnv")]
    [InlineData("SymmetryActionProperty")]
    [InlineData("SymmetryGroupClosure")]
    [InlineData("SymmetryFingerprint")]
    [InlineData("SymmetryReduction")]
    [InlineData("TLCGetConfigAssume")]
    [InlineData("TheoremRef")]
    [InlineData("UndeclaredConstantAssignment")]
    public void Gives_tlcs_counts(string name)
    {
        var folder = Folder(name);
        var expected = TlcFigures().Match(File.ReadAllText(Path.Combine(folder, "README.md")));
        Assert.True(expected.Success, "README.md has no 'TLC expected: generated N, distinct M' line");
        var spec = Directory.EnumerateFiles(folder, "*.tla").Single(f => File.Exists(Path.ChangeExtension(f, ".cfg")));

        var loaded = ModelLoader.Load(spec);
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        long generated = 0, distinct = 0;
        if (loaded.Model!.Definitions is not null)
        {
            var result = ModelChecker.Run(loaded.Model.CreateStateSpace(),
                new CheckOptions { CheckDeadlock = loaded.Model.Config.CheckDeadlock, PostConditions = loaded.Model.PostConditions, Temporal = loaded.Model.Temporal });
            Assert.True(result.Verdict == Verdict.Success, $"{result.Verdict}: {result.Message}");
            (generated, distinct) = (result.Statistics.Generated, result.Statistics.Distinct);
        }
        Assert.Equal(long.Parse(expected.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), generated);
        Assert.Equal(long.Parse(expected.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), distinct);
    }

    [Fact]
    public void A_false_postcondition_is_reported_after_a_complete_run()
    {
        var spec = Path.Combine(Folder("PostConditionFalse"), "PostConditionFalse.tla");
        var loaded = ModelLoader.Load(spec);
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));

        var result = ModelChecker.Run(loaded.Model!.CreateStateSpace(),
            new CheckOptions { CheckDeadlock = false, PostConditions = loaded.Model.PostConditions });

        Assert.Equal(Verdict.PostConditionViolated, result.Verdict);
        Assert.Equal((15, 9, 5), (result.Statistics.Generated, result.Statistics.Distinct, result.Statistics.Depth));
        Assert.Equal("Postcondition Post at line 19, col 9 to line 25, col 40 of module PostConditionFalse is false.", result.Message);
    }

    [Fact]
    public void A_liveness_violation_is_a_lasso_ending_in_stuttering()
    {
        var spec = Path.Combine(Folder("LivenessViolated"), "LivenessViolated.tla");
        var loaded = ModelLoader.Load(spec);
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Model!.UncheckedProperties);

        var result = ModelChecker.Run(loaded.Model.CreateStateSpace(), new CheckOptions { Temporal = loaded.Model.Temporal });

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.Equal((15, 8), (result.Statistics.Generated, result.Statistics.Distinct));
        Assert.Equal("Temporal property Often was violated.", result.Message);
        // TLC: x counts up to 3 with y = 0, then "State 5: Stuttering".
        Assert.Equal(4, result.Trace.Length);
        Assert.Equal(4, result.BackToState);
        Assert.Equal([0, 1, 2, 3], result.Trace.Select(step => step.State[0].AsInt64));
        Assert.All(result.Trace, step => Assert.Equal(0, step.State[1].AsInt64));
    }

    [Fact]
    public void A_refinement_whose_initial_predicate_fails_is_violated_in_the_initial_state()
    {
        var loaded = ModelLoader.Load(Path.Combine(Folder("RefinementInitViolated"), "RefinementInitViolated.tla"));
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(loaded.Model!.UncheckedProperties);

        var result = ModelChecker.Run(loaded.Model.CreateStateSpace(), new CheckOptions { Temporal = loaded.Model.Temporal });

        // TLC: "Property Init is violated by the initial state: x = 0".
        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.Equal(0, Assert.Single(result.Trace).State[0].AsInt64);
    }

    [Theory]
    [InlineData("LivenessNotChecked")]
    [InlineData("LivenessViolated")]
    public void Gives_tlcs_temporal_violation(string name)
    {
        var folder = Folder(name);
        var expected = TlcFigures().Match(File.ReadAllText(Path.Combine(folder, "README.md")));
        var loaded = ModelLoader.Load(Path.Combine(folder, name + ".tla"));
        Assert.True(loaded.Model is not null, string.Join("\n", loaded.Diagnostics));

        var result = ModelChecker.Run(loaded.Model!.CreateStateSpace(), new CheckOptions { Temporal = loaded.Model.Temporal });

        Assert.Equal(Verdict.TemporalPropertyViolated, result.Verdict);
        Assert.Equal(long.Parse(expected.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), result.Statistics.Generated);
        Assert.Equal(long.Parse(expected.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), result.Statistics.Distinct);
    }

    [GeneratedRegex(@"TLC expected: generated (\d+), distinct (\d+)")]
    private static partial Regex TlcFigures();
}
