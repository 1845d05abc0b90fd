namespace Specula.Tla.Semantics;

/// <summary>
/// The level of a TLA+ expression, as SANY computes it: what a value can depend on. Levels are ordered, so
/// <c>Math.Max</c>-style combination gives the level of a compound expression.
/// </summary>
public enum Level
{
    /// <summary>Depends on constants only (no variables).</summary>
    Constant = 0,

    /// <summary>Depends on unprimed variables: a state function or state predicate.</summary>
    State = 1,

    /// <summary>Depends on primed variables: an action or transition function.</summary>
    Action = 2,

    /// <summary>A temporal formula (<c>[]</c>, <c>&lt;&gt;</c>, <c>~&gt;</c>, fairness, temporal quantifiers).</summary>
    Temporal = 3,
}

/// <summary>Helpers for <see cref="Level"/>.</summary>
public static class LevelExtensions
{
    /// <summary>The lower-case name used in messages: constant, state, action or temporal.</summary>
    public static string ToDisplayString(this Level level) => level switch
    {
        Level.Constant => "constant",
        Level.State => "state",
        Level.Action => "action",
        _ => "temporal",
    };
}
