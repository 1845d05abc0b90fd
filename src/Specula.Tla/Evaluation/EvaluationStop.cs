namespace Specula.Tla.Evaluation;

/// <summary>
/// A run's cancellation and time limit handed to its evaluator for as long as the run lasts, so that one long
/// evaluation (the initial states, a constant definition computed once, a property over the state graph) stops as
/// the run's own checks between states would. Disposing gives the evaluator back the token it had before.
/// </summary>
internal sealed class EvaluationStop : IDisposable
{
    private readonly Evaluator? _evaluator;
    private readonly CancellationToken _previous;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _source;

    /// <summary>Hands <paramref name="evaluator"/> a token cancelled by any of the run's stops.</summary>
    /// <param name="evaluator">The run's evaluator; nothing is handed when null (a state space without one).</param>
    /// <param name="timeLimit">The run's time limit from now, if any.</param>
    /// <param name="clock">The clock the time limit is measured on.</param>
    /// <param name="cancellation">The run's cancellation (Ctrl-C, SIGTERM).</param>
    public EvaluationStop(Evaluator? evaluator, TimeSpan? timeLimit, TimeProvider clock, CancellationToken cancellation)
    {
        _evaluator = evaluator;
        _previous = evaluator?.Cancellation ?? default;
        // The token the evaluator had (a caller's own) still stops it.
        _timer = timeLimit is { } limit ? new CancellationTokenSource(limit < TimeSpan.Zero ? TimeSpan.Zero : limit, clock) : null;
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _previous, _timer?.Token ?? default);
        if (evaluator is not null)
        {
            evaluator.Cancellation = _source.Token;
        }
    }

    /// <summary>Gives the evaluator its previous token back.</summary>
    public void Dispose()
    {
        if (_evaluator is not null)
        {
            _evaluator.Cancellation = _previous;
        }
        _source.Dispose();
        _timer?.Dispose();
    }
}
