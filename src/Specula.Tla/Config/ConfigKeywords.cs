using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Specula.Tla.Config;

/// <summary>
/// The keywords of TLC's <c>.cfg</c> format, exactly as TLC's <c>ModelConfig</c> knows them (case-sensitive). A word
/// that is one of these always starts a new section where TLC looks for one.
/// </summary>
public static class ConfigKeywords
{
    /// <summary><c>CONSTANT</c>.</summary>
    public const string Constant = "CONSTANT";

    /// <summary><c>CONSTANTS</c>.</summary>
    public const string Constants = "CONSTANTS";

    /// <summary><c>CONSTRAINT</c>.</summary>
    public const string Constraint = "CONSTRAINT";

    /// <summary><c>CONSTRAINTS</c>.</summary>
    public const string Constraints = "CONSTRAINTS";

    /// <summary><c>ACTION_CONSTRAINT</c>.</summary>
    public const string ActionConstraint = "ACTION_CONSTRAINT";

    /// <summary><c>ACTION_CONSTRAINTS</c>.</summary>
    public const string ActionConstraints = "ACTION_CONSTRAINTS";

    /// <summary><c>INVARIANT</c>.</summary>
    public const string Invariant = "INVARIANT";

    /// <summary><c>INVARIANTS</c>.</summary>
    public const string Invariants = "INVARIANTS";

    /// <summary><c>INIT</c>.</summary>
    public const string Init = "INIT";

    /// <summary><c>NEXT</c>.</summary>
    public const string Next = "NEXT";

    /// <summary><c>VIEW</c>.</summary>
    public const string View = "VIEW";

    /// <summary><c>SYMMETRY</c>.</summary>
    public const string Symmetry = "SYMMETRY";

    /// <summary><c>SPECIFICATION</c>.</summary>
    public const string Specification = "SPECIFICATION";

    /// <summary><c>PROPERTY</c>.</summary>
    public const string Property = "PROPERTY";

    /// <summary><c>PROPERTIES</c>.</summary>
    public const string Properties = "PROPERTIES";

    /// <summary><c>ALIAS</c>.</summary>
    public const string Alias = "ALIAS";

    /// <summary><c>POSTCONDITION</c>.</summary>
    public const string PostCondition = "POSTCONDITION";

    /// <summary><c>POSTCONDITIONS</c>.</summary>
    public const string PostConditions = "POSTCONDITIONS";

    /// <summary><c>CHECK_DEADLOCK</c>.</summary>
    public const string CheckDeadlock = "CHECK_DEADLOCK";

    /// <summary><c>_PERIODIC</c> (undocumented, experimental).</summary>
    public const string Periodic = "_PERIODIC";

    /// <summary><c>_RL_REWARD</c> (undocumented, experimental).</summary>
    public const string RLReward = "_RL_REWARD";

    /// <summary><c>_POSSIBLE</c> (undocumented, experimental).</summary>
    public const string Possible = "_POSSIBLE";

    /// <summary>All keywords, in the order TLC lists them.</summary>
    public static ImmutableArray<string> All { get; } =
    [
        Constant, Constants, Constraint, Constraints, ActionConstraint, ActionConstraints, Invariant, Invariants, Init,
        Next, View, Symmetry, Specification, Property, Properties, Alias, PostCondition, PostConditions, Periodic,
        RLReward, Possible, CheckDeadlock,
    ];

    private static readonly FrozenSet<string> Set = All.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> ByUpperCase =
        All.ToFrozenDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="word"/> is a keyword (case-sensitive, as in TLC).</summary>
    public static bool IsKeyword(string word) => Set.Contains(word);

    /// <summary>The keyword <paramref name="word"/> differs from only in letter case, e.g. <c>INIT</c> for <c>Init</c>, or null.</summary>
    public static string? CaseInsensitiveMatch(string word) => ByUpperCase.GetValueOrDefault(word);

    /// <summary>
    /// The keyword an upper-case <paramref name="word"/> is most likely a misspelling of (at most two edits, e.g.
    /// <c>INVARIANTES</c> or <c>SPECIFCATION</c>), or null.
    /// </summary>
    public static string? ClosestMatch(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 4 || word.Length > 40)
        {
            return null;
        }
        string? best = null;
        var bestDistance = 3;
        foreach (var keyword in All)
        {
            var distance = EditDistance(word, keyword);
            if (distance < bestDistance)
            {
                best = keyword;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static int EditDistance(string a, string b) => Diagnostics.Spelling.Distance(a, b);
}
