using Specula.Reports.Model;

namespace Specula.Agents.Runs;

/// <summary>The run's limits. Null means no limit of that kind.</summary>
/// <param name="Rounds">Reasoner turns over the whole run.</param>
/// <param name="Tokens">Prompt plus completion tokens.</param>
/// <param name="Money">US dollars, from the token prices.</param>
/// <param name="WallTime">Wall time, resumed runs included.</param>
/// <param name="InvalidToolCalls">Malformed or unknown tool calls tolerated before the run stops.</param>
/// <param name="PromptPricePerMillion">USD per million prompt tokens.</param>
/// <param name="CompletionPricePerMillion">USD per million completion tokens.</param>
public sealed record BudgetLimits(
    int? Rounds = 30,
    long? Tokens = null,
    decimal? Money = null,
    TimeSpan? WallTime = null,
    int InvalidToolCalls = 10,
    decimal PromptPricePerMillion = 0m,
    decimal CompletionPricePerMillion = 0m)
{
    /// <summary>As run.json and the transcript's runStarted record write it.</summary>
    public RunBudget ToRunBudget() => new(Rounds, Tokens, Money, WallTime?.TotalSeconds);
}

/// <summary>
/// What the run has spent, against its limits. Shared by the orchestrator and the tool filter; one run uses it
/// from one logical flow at a time, but the lock keeps counts exact if tools run concurrently.
/// </summary>
public sealed class BudgetTracker
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly double _priorSeconds;
    private long _prompt;
    private long _completion;

    /// <summary>Starts counting now; <paramref name="prior"/> carries a resumed run's totals.</summary>
    public BudgetTracker(BudgetLimits limits, TimeProvider clock, CostTotals? prior = null, int priorRounds = 0)
    {
        Limits = limits ?? throw new ArgumentNullException(nameof(limits));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _started = clock.GetTimestamp();
        _prompt = prior?.PromptTokens ?? 0;
        _completion = prior?.CompletionTokens ?? 0;
        _priorSeconds = prior?.WallSeconds ?? 0;
        Rounds = priorRounds;
    }

    /// <summary>The limits.</summary>
    public BudgetLimits Limits { get; }

    /// <summary>Rounds started.</summary>
    public int Rounds { get; private set; }

    /// <summary>Tool calls made (invalid ones included).</summary>
    public int ToolCalls { get; private set; }

    /// <summary>Malformed and unknown tool calls.</summary>
    public int InvalidToolCalls { get; private set; }

    /// <summary>Counts a new round.</summary>
    public void StartRound()
    {
        lock (_gate)
        {
            Rounds++;
        }
    }

    /// <summary>Adds a model call's tokens.</summary>
    public void AddTokens(long prompt, long completion)
    {
        lock (_gate)
        {
            _prompt += prompt;
            _completion += completion;
        }
    }

    /// <summary>Counts a tool call; <paramref name="valid"/> false for malformed and unknown ones.</summary>
    public void AddToolCall(bool valid)
    {
        lock (_gate)
        {
            ToolCalls++;
            if (!valid)
            {
                InvalidToolCalls++;
            }
        }
    }

    /// <summary>Running totals.</summary>
    public CostTotals Totals
    {
        get
        {
            lock (_gate)
            {
                var money = (_prompt * Limits.PromptPricePerMillion + _completion * Limits.CompletionPricePerMillion) / 1_000_000m;
                return new CostTotals(_prompt, _completion, money, _priorSeconds + _clock.GetElapsedTime(_started).TotalSeconds);
            }
        }
    }

    /// <summary>Which budget is spent ("rounds: 5 of 5", ...), or null while all remain. Rounds count as spent when the next may not start.</summary>
    public string? Exhausted()
    {
        var totals = Totals;
        if (Limits.Tokens is { } tokens && totals.PromptTokens + totals.CompletionTokens >= tokens)
        {
            return $"tokens: {totals.PromptTokens + totals.CompletionTokens} of {tokens} spent";
        }
        if (Limits.Money is { } money && totals.Money >= money)
        {
            return $"money: ${totals.Money:0.####} of ${money:0.####} spent";
        }
        if (Limits.WallTime is { } wall && totals.WallSeconds >= wall.TotalSeconds)
        {
            return $"wall time: {totals.WallSeconds:0.#}s of {wall.TotalSeconds:0.#}s spent";
        }
        if (InvalidToolCalls >= Limits.InvalidToolCalls)
        {
            return $"invalid tool calls: {InvalidToolCalls} of {Limits.InvalidToolCalls} tolerated";
        }
        return null;
    }

    /// <summary>True when another round may not start (<see cref="Exhausted"/> or the round limit).</summary>
    public string? ExhaustedBeforeRound() =>
        Exhausted() ?? (Limits.Rounds is { } rounds && Rounds >= rounds ? $"rounds: {Rounds} of {rounds} spent" : null);
}
