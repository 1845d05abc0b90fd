namespace Specula.Tla.Semantics;

/// <summary>
/// Stable codes of the diagnostics reported by the semantic checker (module resolution, name resolution and level
/// checking). Codes never change meaning once published; users and the repair loop search for them.
/// </summary>
public static class SemanticCodes
{
    /// <summary>A name or operator symbol is not defined or declared in scope: <c>Unknown operator: 'foo'.</c></summary>
    public const string UnknownOperator = "TLA3001";

    /// <summary>An operator is applied to the wrong number of arguments: <c>The operator Foo requires 2 arguments.</c></summary>
    public const string ArityMismatch = "TLA3002";

    /// <summary>
    /// A definition or declaration reuses a name already defined in the same scope or imported by EXTENDS or INSTANCE:
    /// <c>Multiply-defined symbol 'x': ...</c>
    /// </summary>
    public const string MultiplyDefined = "TLA3003";

    /// <summary>
    /// A bound variable, operator parameter or LET definition reuses a name that is already defined, declared or bound
    /// where it appears. TLA+ forbids shadowing.
    /// </summary>
    public const string IllegalShadowing = "TLA3004";

    /// <summary>
    /// An operator is used in its own definition, or before its definition, without a RECURSIVE declaration. TLA+
    /// requires definition before use.
    /// </summary>
    public const string UseBeforeDefinition = "TLA3005";

    /// <summary>An operator declared RECURSIVE is never defined in the same scope.</summary>
    public const string RecursiveNotDefined = "TLA3006";

    /// <summary>The definition of a RECURSIVE operator disagrees with its declaration (arity or scope).</summary>
    public const string RecursiveMismatch = "TLA3007";

    /// <summary>
    /// An argument that must be an operator of a given arity (a higher-order parameter, e.g. <c>F(_, _)</c>) is not
    /// one, or a LAMBDA appears where no operator argument is expected.
    /// </summary>
    public const string OperatorArgumentExpected = "TLA3008";

    /// <summary>The prefix of <c>I!Op</c> is not a module instance (nor a definition whose labels could be named).</summary>
    public const string NotAnInstance = "TLA3009";

    /// <summary>A LOCAL definition of another module is used where it is not visible.</summary>
    public const string LocalNotVisible = "TLA3010";

    /// <summary><c>@</c> appears outside the value of an EXCEPT clause.</summary>
    public const string AtOutsideExcept = "TLA3011";

    /// <summary>Two labels with the same name in one definition.</summary>
    public const string DuplicateLabel = "TLA3012";

    /// <summary>A label parameter is not a bound identifier in scope at the label.</summary>
    public const string InvalidLabelParameter = "TLA3013";

    /// <summary>A module named in EXTENDS or INSTANCE is neither a standard module, a nested module, nor a file found beside the spec or on the library path.</summary>
    public const string UnknownModule = "TLA3020";

    /// <summary>Modules EXTEND or INSTANCE each other in a cycle; the message lists the cycle.</summary>
    public const string CircularDependency = "TLA3021";

    /// <summary>A file <c>M.tla</c> holds a module whose name is not <c>M</c>.</summary>
    public const string ModuleNameMismatch = "TLA3022";

    /// <summary>A WITH substitution names something that is not a constant or variable of the instantiated module.</summary>
    public const string UnknownSubstitutionTarget = "TLA3023";

    /// <summary>
    /// A constant or variable of the instantiated module has no WITH substitution and no symbol of the same name is
    /// in scope to substitute implicitly.
    /// </summary>
    public const string MissingSubstitution = "TLA3024";

    /// <summary>The same parameter is substituted twice in one INSTANCE.</summary>
    public const string DuplicateSubstitution = "TLA3025";

    /// <summary>A prime or UNCHANGED is applied to an expression that is already of action (or temporal) level.</summary>
    public const string PrimeLevel = "TLA3030";

    /// <summary>
    /// An argument's level exceeds the maximum its operator allows (e.g. ENABLED of a temporal formula, the subscript
    /// of <c>[A]_v</c> being an action, an action passed to an operator that primes its parameter).
    /// </summary>
    public const string ArgumentLevel = "TLA3031";

    /// <summary><c>[]</c> applied to an action not of the form <c>[A]_v</c>, or <c>&lt;&gt;</c> to one not of the form <c>&lt;&lt;A&gt;&gt;_v</c>.</summary>
    public const string TemporalOfAction = "TLA3032";

    /// <summary>
    /// Actions and temporal formulas mixed where TLA+ forbids it: <c>~&gt;</c> or <c>-+-&gt;</c> of an action, a
    /// conjunction or disjunction with both, an action-level bound of a temporal quantifier.
    /// </summary>
    public const string ActionInTemporal = "TLA3033";

    /// <summary>An ASSUME / ASSUMPTION / AXIOM is not constant level.</summary>
    public const string AssumptionNotConstant = "TLA3034";

    /// <summary>A constant of an instantiated module is substituted by a non-constant expression.</summary>
    public const string SubstitutionLevel = "TLA3035";

    /// <summary>
    /// A definition used in a role (invariant, initial predicate, next-state relation, property, ...) has a level the
    /// role does not allow, e.g. an invariant with primes.
    /// </summary>
    public const string RoleLevel = "TLA3036";

    /// <summary>The checker failed on this input; this is a bug in Specula, reported instead of crashing.</summary>
    public const string InternalError = "TLA3099";
}
