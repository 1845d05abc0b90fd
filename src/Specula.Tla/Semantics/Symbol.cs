using System.Collections.Immutable;
using Specula.Tla.Diagnostics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>What a <see cref="Symbol"/> names.</summary>
public enum SymbolKind
{
    /// <summary>A declared CONSTANT, possibly an operator constant such as <c>F(_, _)</c>.</summary>
    Constant,

    /// <summary>A declared VARIABLE, or a variable bound by <c>\EE</c> / <c>\AA</c>.</summary>
    Variable,

    /// <summary>A user operator definition <c>Op(p) == e</c> (module level or LET).</summary>
    Operator,

    /// <summary>A function definition <c>f[x \in S] == e</c>.</summary>
    Function,

    /// <summary>A named module instance <c>I(p) == INSTANCE M</c>.</summary>
    Instance,

    /// <summary>A formal parameter of an operator definition, LAMBDA or named instance.</summary>
    Parameter,

    /// <summary>A variable bound by a quantifier, CHOOSE, set builder, function constructor or NEW.</summary>
    BoundVariable,

    /// <summary>An operator of a standard module with no file on disk (Naturals, Sequences, TLC, ...).</summary>
    StandardOperator,

    /// <summary>An operator built into TLA+ itself (<c>/\</c>, <c>\in</c>, <c>'</c>, TRUE, BOOLEAN, ...).</summary>
    BuiltIn,

    /// <summary>The name of an ASSUME or THEOREM (<c>THEOREM T == ...</c>).</summary>
    Theorem,
}

/// <summary>
/// A defined or declared name after resolution. Symbols are compared by identity: two references resolve to the same
/// definition exactly when they map to the same <see cref="Symbol"/> object.
/// </summary>
public sealed class Symbol
{
    internal Symbol(string name, SymbolKind kind, int arity, string moduleName, SyntaxNode? declaration)
    {
        Name = name;
        Kind = kind;
        Arity = arity;
        ModuleName = moduleName;
        Declaration = declaration;
    }

    /// <summary>The name, or the canonical spelling of an operator symbol.</summary>
    public string Name { get; }

    /// <summary>What the name denotes.</summary>
    public SymbolKind Kind { get; }

    /// <summary>Number of arguments the symbol takes (0 for constants, variables and bound names).</summary>
    public int Arity { get; internal set; }

    /// <summary>How the operator is written.</summary>
    public OperatorFixity Fixity { get; internal set; } = OperatorFixity.Prefix;

    /// <summary>
    /// The level of the symbol when its parameters are constant: e.g. <c>State</c> for <c>Inv == x > 0</c>,
    /// <c>Action</c> for <c>Next == x' = x + 1</c>, <c>Temporal</c> for <c>Spec == Init /\ [][Next]_x</c>.
    /// </summary>
    public Level Level => Info.Base;

    /// <summary>The module that declares or defines the symbol (the standard module's name for standard operators).</summary>
    public string ModuleName { get; }

    /// <summary>The declaring syntax: an <see cref="OperatorDef"/>, <see cref="FunctionDef"/>, <see cref="OpDecl"/>, <see cref="Name"/>, ...; null for built-in and standard operators.</summary>
    public SyntaxNode? Declaration { get; }

    /// <summary>
    /// The unit that defines the symbol: the <see cref="OperatorDef"/> (also for operators declared RECURSIVE, whose
    /// <see cref="Declaration"/> is the RECURSIVE <see cref="OpDecl"/>), <see cref="FunctionDef"/> or
    /// <see cref="ModuleInstanceDef"/>; null for declarations, bound names and built-in or standard operators.
    /// </summary>
    public Unit? Definition { get; internal set; }

    /// <summary>Where the symbol is declared, when it comes from source.</summary>
    public SourceLocation? Location => Source is null || NameSpan.IsNone ? null : Source.Locate(NameSpan);

    /// <summary>The file the symbol is declared in; null for built-in and standard operators.</summary>
    public SourceText? Source { get; internal set; }

    internal TextSpan NameSpan { get; set; } = TextSpan.None;

    /// <summary>True for LOCAL definitions, which importers do not see.</summary>
    public bool IsLocal { get; internal set; }

    /// <summary>True for operators declared RECURSIVE.</summary>
    public bool IsRecursive { get; internal set; }

    /// <summary>
    /// The arity of each parameter: 0 for ordinary parameters, n for an operator parameter <c>F(_, ..., _)</c>.
    /// Empty for symbols without parameters.
    /// </summary>
    public ImmutableArray<int> ParameterArities { get; internal set; } = [];

    /// <summary>For <see cref="SymbolKind.Instance"/> symbols: the instantiated module and its substitutions.</summary>
    public ResolvedInstance? Instance { get; internal set; }

    /// <summary>
    /// For a definition imported by an unnamed INSTANCE: the definition in the instantiated module, evaluated under
    /// <see cref="Instance"/>'s substitutions. Null otherwise.
    /// </summary>
    public Symbol? Origin { get; internal set; }

    internal LevelInfo Info { get; set; }

    /// <summary>Indices (in the level bit masks) of the symbol's own parameters.</summary>
    internal int[] ParamIndices { get; set; } = [];

    /// <summary>For each parameter, the highest level an argument may have.</summary>
    internal Level[] ParamMaxLevels { get; set; } = [];

    /// <summary>Declared RECURSIVE and not yet defined.</summary>
    internal bool Pending { get; set; }

    /// <summary>The original definition behind instance imports.</summary>
    internal Symbol Root => Origin is null ? this : Origin.Root;

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {ModuleName}!{Name}/{Arity}";
}

/// <summary>One substitution of an instance after resolution: explicit (<c>c &lt;- e</c>) or implicit (same name in scope).</summary>
/// <param name="Parameter">The instantiated module's constant or variable.</param>
/// <param name="Value">The substituted expression, for explicit substitutions.</param>
/// <param name="Implicit">The symbol of the same name in the instancing module, for implicit substitutions.</param>
public sealed record InstanceSubstitution(Symbol Parameter, Expr? Value, Symbol? Implicit);

/// <summary>An INSTANCE after resolution: which module, and what replaces each of its constants and variables.</summary>
/// <param name="Module">The instantiated module.</param>
/// <param name="Substitutions">One entry per constant and variable of the module that could be resolved.</param>
/// <param name="Syntax">The INSTANCE syntax.</param>
public sealed record ResolvedInstance(ResolvedModule Module, ImmutableArray<InstanceSubstitution> Substitutions, Instance Syntax);

/// <summary>
/// Level of an expression relative to the parameters of the definition it is in: a base level, plus the parameters
/// whose arguments' levels add to it (unprimed, or under a prime).
/// </summary>
internal readonly record struct LevelInfo(Level Base, ulong Params, ulong Primed)
{
    public static readonly LevelInfo Constant = new(Level.Constant, 0, 0);
    public static readonly LevelInfo State = new(Level.State, 0, 0);
    public static readonly LevelInfo Action = new(Level.Action, 0, 0);
    public static readonly LevelInfo Temporal = new(Level.Temporal, 0, 0);

    public LevelInfo Max(LevelInfo other) =>
        new(Base > other.Base ? Base : other.Base, Params | other.Params, Primed | other.Primed);

    public LevelInfo WithBase(Level level) => new(level > Base ? level : Base, Params, Primed);

    public static LevelInfo OfParameter(int index) => index < 64 ? new(Level.Constant, 1UL << index, 0) : Constant;
}
