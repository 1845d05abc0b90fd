using Specula.Tla.Diagnostics;

namespace Specula.Tla.Semantics;

/// <summary>What a definition is used for by a model-checking configuration.</summary>
public enum DefinitionRole
{
    /// <summary>The initial predicate (INIT): at most state level.</summary>
    Init,

    /// <summary>The next-state relation (NEXT): at most action level.</summary>
    Next,

    /// <summary>An invariant (INVARIANT): a state predicate, so no primes and no temporal operators.</summary>
    Invariant,

    /// <summary>A state constraint (CONSTRAINT): at most state level.</summary>
    StateConstraint,

    /// <summary>An action constraint (ACTION_CONSTRAINT): at most action level.</summary>
    ActionConstraint,

    /// <summary>A temporal property (PROPERTY): a temporal formula or state predicate, not an action.</summary>
    Property,

    /// <summary>A behaviour specification (SPECIFICATION): a temporal formula or state predicate, not an action.</summary>
    Specification,

    /// <summary>A value substituted for a constant, or an ASSUME: constant level.</summary>
    Constant,
}

/// <summary>Checks that a definition's level suits the role a configuration gives it (e.g. invariants have no primes).</summary>
public static class LevelRules
{
    /// <summary>The highest level a definition may have in a role.</summary>
    public static Level MaxLevel(DefinitionRole role) => role switch
    {
        DefinitionRole.Init or DefinitionRole.Invariant or DefinitionRole.StateConstraint => Level.State,
        DefinitionRole.Next or DefinitionRole.ActionConstraint => Level.Action,
        DefinitionRole.Constant => Level.Constant,
        _ => Level.Temporal,
    };

    /// <summary>
    /// Checks that <paramref name="name"/> is defined in <paramref name="module"/> without parameters and has a level
    /// allowed for <paramref name="role"/>. Returns null when it does.
    /// </summary>
    /// <param name="module">The checked module.</param>
    /// <param name="name">The definition's name, as written in the configuration.</param>
    /// <param name="role">What it is used for.</param>
    /// <param name="where">Where the configuration names it; the definition's own location when null.</param>
    public static Diagnostic? Check(ResolvedModule module, string name, DefinitionRole role, SourceLocation? where = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        var symbol = module.Lookup(name);
        var fallback = new SourceLocation(module.Source?.Path ?? module.Name + ".tla", 1, 1, 1, 1);
        if (symbol is null)
        {
            return new Diagnostic(SemanticCodes.UnknownOperator, DiagnosticSeverity.Error, $"Unknown operator: '{name}'.", where ?? fallback);
        }
        var location = where ?? symbol.Location ?? fallback;
        if (symbol.Arity > 0)
        {
            return new Diagnostic(SemanticCodes.ArityMismatch, DiagnosticSeverity.Error,
                $"The operator {name} requires {symbol.Arity} argument{(symbol.Arity == 1 ? "" : "s")}; a configuration can only name operators without parameters.",
                location);
        }
        var level = symbol.Level;
        var max = MaxLevel(role);
        var actionNotAllowed = role is DefinitionRole.Property or DefinitionRole.Specification && level == Level.Action;
        if (level <= max && !actionNotAllowed)
        {
            return null;
        }
        var (what, must) = role switch
        {
            DefinitionRole.Init => ("The initial predicate", "a state predicate (no primes or temporal operators)"),
            DefinitionRole.Next => ("The next-state relation", "an action (no temporal operators)"),
            DefinitionRole.Invariant => ("Invariant", "a state predicate (no primes or temporal operators)"),
            DefinitionRole.StateConstraint => ("State constraint", "a state predicate (no primes or temporal operators)"),
            DefinitionRole.ActionConstraint => ("Action constraint", "an action (no temporal operators)"),
            DefinitionRole.Property => ("Property", "a temporal formula or a state predicate, not an action (write [][A]_v)"),
            DefinitionRole.Specification => ("The specification", "a temporal formula or a state predicate, not an action"),
            _ => ("Constant expression", "constant (no variables)"),
        };
        var hint = level == Level.Action ? " (it contains primes or UNCHANGED)" : string.Empty;
        return new Diagnostic(SemanticCodes.RoleLevel, DiagnosticSeverity.Error,
            $"{what} {name} has {level.ToDisplayString()} level{hint}; it must be {must}.", location);
    }
}
