using Stopwatch = System.Diagnostics.Stopwatch;
using Specula.Tla.Checking;
using Specula.Tla.Evaluation;
using Specula.Traces.Mapping;

namespace Specula.Traces.Validation;

/// <summary>
/// One trace being validated (<see cref="TraceValidator.Start"/>): the candidate states after the steps so far. It
/// takes the steps one at a time, so a trace can be checked while it is read, in memory that does not grow with
/// its length. Not thread-safe.
/// </summary>
public sealed class TraceReplay
{
    private readonly TraceValidator _validator;
    private readonly string _name;
    private readonly string _path;
    private readonly SilentSteps? _silent;
    private readonly ActionTally _actions;
    private readonly CancellationToken _cancellationToken;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private List<State> _candidates;
    private Divergence? _divergence;
    private int _matched;
    private int _maxCandidates;
    private int _silentSteps;
    private bool _stopped;

    internal TraceReplay(TraceValidator validator, string name, string path, List<State> initial, SilentSteps? silent, ActionTally actions,
        CancellationToken cancellationToken)
    {
        _validator = validator;
        _name = name;
        _path = path;
        _candidates = initial;
        _maxCandidates = initial.Count;
        _silent = silent;
        _actions = actions;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Takes the next step. Returns false once the verdict cannot change any more (the trace is ambiguous, or it
    /// diverged and later events are not scored): later steps are then ignored.
    /// </summary>
    public bool Advance(PlannedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (_stopped)
        {
            return false;
        }
        _cancellationToken.ThrowIfCancellationRequested();
        var options = _validator.Options;
        var next = _validator.Take(_candidates, step);
        var usedSilent = false;
        if (next.Count == 0 && _silent is { Bound: > 0 } silent && step.Action is not null)
        {
            var closure = _validator.SilentClosure(_candidates, silent, _cancellationToken);
            next = _validator.Take(closure, step);
            usedSilent = next.Count > 0;
            if (next.Count == 0 && _divergence is null)
            {
                // Explain from the states the silent steps reach too, the original ones first.
                _divergence = _validator.Explain(_path, step, _matched, closure);
            }
        }
        if (step.Action is { } action)
        {
            _actions.Count(action, next.Count > 0);
        }
        if (next.Count == 0)
        {
            _divergence ??= _validator.Explain(_path, step, _matched, _candidates);
            _stopped = !options.ScoreAfterDivergence;
            return !_stopped;
        }
        if (next.Count > options.MaxCandidates && _divergence is null)
        {
            _divergence = TraceValidator.Ambiguous(_path, step, _matched, next.Count);
            _stopped = true;
            return false;
        }
        if (_divergence is null)
        {
            _matched++;
            _silentSteps += usedSilent ? 1 : 0;
            _maxCandidates = Math.Max(_maxCandidates, next.Count);
        }
        _candidates = next;
        return true;
    }

    /// <summary>The verdict on the trace.</summary>
    /// <param name="events">Events in the trace.</param>
    /// <param name="steps">Events that were compiled to steps (the ignored ones left out).</param>
    public TraceVerdict Finish(int events, int steps) =>
        new(_name, _path, events, steps, _matched, _divergence is null, _divergence, _maxCandidates, _silentSteps, _clock.ElapsedMilliseconds);
}
