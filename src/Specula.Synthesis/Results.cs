using System.Collections.Immutable;
using Specula.Traces.Validation;

namespace Specula.Synthesis;

/// <summary>What to synthesize from and where to write it.</summary>
/// <param name="TraceFiles">The trace files (<c>*.ndjson</c>).</param>
/// <param name="OutputFolder">The spec folder to write.</param>
/// <param name="RepoPath">The system's sources, to cite where each event is emitted; null for no citations.</param>
/// <param name="Holdout">The share of runs held out of synthesis, 0 to 0.9: within each fault schedule (workload and
/// faults), the seeds whose trace names hash highest. Held-out traces are only validated, at the end.</param>
/// <param name="MaxRounds">Refinement rounds at most.</param>
/// <param name="MaxStates">Distinct states the model checker explores at most (a bounded exploration).</param>
/// <param name="ModuleName">The spec module's name; null to derive it from the traces' system name.</param>
/// <param name="Workers">Threads for trace validation and model checking.</param>
/// <param name="SplitSeed">Chooses which runs are held out (another seed, another split of the same runs); 0 for the default.</param>
public sealed record SynthesisOptions(IReadOnlyList<string> TraceFiles, string OutputFolder, string? RepoPath = null, double Holdout = 0.3,
    int MaxRounds = 8, long MaxStates = 20_000, string? ModuleName = null, int Workers = 1, int SplitSeed = 0);

/// <summary>One round of counterexample-guided refinement.</summary>
/// <param name="Round">1-based.</param>
/// <param name="TrainingConforming">Training traces that conform (validated, or replayed in memory in a round that
/// found rejected steps before writing a spec).</param>
/// <param name="HeldOutConforming">Held-out traces the round's actions replay in memory: measured, never fed back.</param>
/// <param name="Traces">Training traces.</param>
/// <param name="ExamplesAdded">Steps of diverging training traces added as examples for the next round.</param>
/// <param name="Refinements">What each divergence changed: the guard conjuncts weakened, the effects re-synthesized.</param>
public sealed record SynthesisRound(int Round, int TrainingConforming, int HeldOutConforming, int Traces, int ExamplesAdded,
    ImmutableArray<string> Refinements);

/// <summary>A mined invariant and what model checking made of it.</summary>
/// <param name="Name">Its definition's name.</param>
/// <param name="Text">The formula.</param>
/// <param name="Kept">Whether it is in the spec (it held in the model checker's exploration and on every trace).</param>
/// <param name="Reason">Why it was dropped; null when kept.</param>
/// <param name="FalseOnHeldOut">Kept, yet false in a state of a held-out trace: mined from training states only, it
/// did not generalize (reported, not acted on, so the held-out traces stay out of the spec).</param>
public sealed record InvariantOutcome(string Name, string Text, bool Kept, string? Reason, bool FalseOnHeldOut = false);

/// <summary>How the model checker fared on the final spec.</summary>
/// <param name="Verdict">How the last run ended (Success, LimitReached for a bounded exploration, ...).</param>
/// <param name="DistinctStates">Distinct states explored.</param>
/// <param name="Depth">Depth reached.</param>
/// <param name="Runs">Runs made (one more per dropped invariant).</param>
/// <param name="Message">The checker's message on an error; null otherwise.</param>
public sealed record ModelCheckSummary(string Verdict, long DistinctStates, int Depth, int Runs, string? Message)
{
    /// <summary>No violation and no error: a finished or bounded exploration.</summary>
    public bool Ok => Verdict is "Success" or "LimitReached";
}

/// <summary>The outcome of a synthesis.</summary>
/// <param name="Module">The spec module.</param>
/// <param name="Files">The files written.</param>
/// <param name="TrainingTraces">Trace names used for synthesis.</param>
/// <param name="HeldOutTraces">Trace names held out.</param>
/// <param name="Rounds">The refinement rounds.</param>
/// <param name="FirstRoundHeldOutConforming">Held-out traces the first round's actions replayed in memory, before refinement.</param>
/// <param name="Training">Validation of the training traces with the final spec.</param>
/// <param name="HeldOut">Validation of the held-out traces with the final spec, scored past divergences (per-action
/// conformance counts every event); null when none is held out.</param>
/// <param name="Invariants">Every mined invariant, kept or dropped.</param>
/// <param name="ModelCheck">The model checker's result on the final spec; null when it could not run.</param>
/// <param name="Diagnostics">Problems (unreadable traces, a spec that does not load): empty when all went through.</param>
/// <param name="Seconds">Wall time.</param>
public sealed record SynthesisResult(string Module, ImmutableArray<string> Files, ImmutableArray<string> TrainingTraces, ImmutableArray<string> HeldOutTraces,
    ImmutableArray<SynthesisRound> Rounds, int FirstRoundHeldOutConforming, ValidationReport? Training, ValidationReport? HeldOut,
    ImmutableArray<InvariantOutcome> Invariants, ModelCheckSummary? ModelCheck, ImmutableArray<string> Diagnostics, double Seconds)
{
    /// <summary>Every trace conforms and model checking found no violation.</summary>
    public bool Ok => Diagnostics.IsEmpty && Training is { AllConform: true } && (HeldOut is null || HeldOut.AllConform) && ModelCheck is { Ok: true };
}
