using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Specula.Tla.Syntax;

/// <summary>Base of every syntax tree node. Nodes are immutable; <see cref="Span"/> locates them in their source.</summary>
/// <remarks>
/// Every node kind keeps its public properties in a trimmed, ahead-of-time compiled build (the native check engine):
/// <see cref="SyntaxChildren.AddByReflection"/> and <see cref="SyntaxDump"/> read them by reflection.
/// </remarks>
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
public abstract record SyntaxNode
{
    private TextSpan _span = TextSpan.None;

    /// <summary>Where the node was parsed from; <see cref="TextSpan.None"/> for nodes built by code.</summary>
    public TextSpan Span
    {
        get => _span;
        init => _span = value;
    }

    /// <summary>
    /// Sets the span of a node the parser has just created and not yet shared: cheaper than a <c>with</c> copy,
    /// which would allocate every node twice.
    /// </summary>
    internal void SetSpanOnce(TextSpan span) => _span = span;

    /// <summary>What evaluation has worked out about this node once (see <c>SpecContext</c>): a cache, not syntax.</summary>
    internal NodeMemo Memo;
}

/// <summary>
/// A per-node cache slot for evaluation. Every memo equals every other one, so a node's equality and hash code stay
/// those of its syntax; a <c>with</c> copy shares the memo, so what is stored in it records the node it is about.
/// </summary>
internal struct NodeMemo : IEquatable<NodeMemo>
{
    /// <summary>The cached object; written and read whole, so threads see either the old or the new one.</summary>
    public object? Value;

    public readonly bool Equals(NodeMemo other) => true;

    public override readonly bool Equals(object? obj) => obj is NodeMemo;

    public override readonly int GetHashCode() => 0;
}

/// <summary>An identifier together with where it was written.</summary>
/// <param name="Text">The name, or the canonical ASCII spelling of an operator symbol such as <c>\prec</c>.</param>
public sealed record Name(string Text) : SyntaxNode
{
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A TLA+ module: <c>---- MODULE M ---- ... ====</c>.</summary>
/// <param name="Name">The module name.</param>
/// <param name="Extends">Modules named in EXTENDS, in order.</param>
/// <param name="Units">Declarations, definitions, assumptions, theorems and nested modules, in order.</param>
public sealed record Module(Name Name, ImmutableArray<Name> Extends, ImmutableArray<Unit> Units) : SyntaxNode;

// ───────────────────────────── Units ─────────────────────────────

/// <summary>A top-level item of a module.</summary>
public abstract record Unit : SyntaxNode;

/// <summary>How an operator is written where it is defined or declared.</summary>
public enum OperatorFixity
{
    /// <summary><c>Op</c> or <c>Op(a, b)</c>.</summary>
    Prefix,

    /// <summary><c>a \prec b</c>.</summary>
    Infix,

    /// <summary><c>-. a</c>.</summary>
    PrefixSymbol,

    /// <summary><c>a ^+</c>.</summary>
    Postfix,
}

/// <summary>A declared operator shape: a name and its arity (<c>F(_, _)</c> has arity 2; <c>x</c> has 0).</summary>
/// <param name="Name">The declared name or symbol.</param>
/// <param name="Arity">Number of arguments.</param>
/// <param name="Fixity">How it is written.</param>
public sealed record OpDecl(Name Name, int Arity, OperatorFixity Fixity = OperatorFixity.Prefix) : SyntaxNode;

/// <summary><c>VARIABLE(S) x, y</c>.</summary>
/// <param name="Names">Declared variables.</param>
public sealed record VariableDecl(ImmutableArray<Name> Names) : Unit;

/// <summary><c>CONSTANT(S) N, F(_, _)</c>.</summary>
/// <param name="Constants">Declared constants, with arities for operator constants.</param>
public sealed record ConstantDecl(ImmutableArray<OpDecl> Constants) : Unit;

/// <summary><c>RECURSIVE F(_), G</c>: forward declarations of recursive operators.</summary>
/// <param name="Operators">The operators declared.</param>
public sealed record RecursiveDecl(ImmutableArray<OpDecl> Operators) : Unit;

/// <summary><c>Op(p, F(_)) == body</c>, or an infix, prefix or postfix user operator definition.</summary>
/// <param name="Name">Defined name or symbol.</param>
/// <param name="Parameters">Formal parameters, each with its arity (higher-order parameters have arity &gt; 0).</param>
/// <param name="Body">The definition.</param>
/// <param name="Fixity">How the left-hand side is written.</param>
/// <param name="IsLocal">Declared LOCAL.</param>
public sealed record OperatorDef(Name Name, ImmutableArray<OpDecl> Parameters, Expr Body, OperatorFixity Fixity, bool IsLocal) : Unit;

/// <summary><c>f[x \in S, y \in T] == body</c>.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Bounds">Its domain, as bound variables.</param>
/// <param name="Body">The value at each point.</param>
/// <param name="IsLocal">Declared LOCAL.</param>
public sealed record FunctionDef(Name Name, ImmutableArray<BoundDecl> Bounds, Expr Body, bool IsLocal) : Unit;

/// <summary><c>INSTANCE M WITH a &lt;- e</c>.</summary>
/// <param name="Module">The instantiated module.</param>
/// <param name="Substitutions">Explicit substitutions; unnamed parameters are substituted by the same name.</param>
public sealed record Instance(Name Module, ImmutableArray<Substitution> Substitutions) : SyntaxNode;

/// <summary>One <c>param &lt;- expr</c> of an INSTANCE.</summary>
/// <param name="Target">The instantiated module's constant or variable (or operator symbol).</param>
/// <param name="Value">What replaces it.</param>
public sealed record Substitution(Name Target, Expr Value) : SyntaxNode;

/// <summary>An unnamed <c>INSTANCE M ...</c> unit, importing the module's definitions.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="IsLocal">Declared LOCAL.</param>
public sealed record InstanceUnit(Instance Instance, bool IsLocal) : Unit;

/// <summary><c>I(x) == INSTANCE M WITH ...</c>: a named, possibly parameterized instance used as <c>I(x)!Op</c>.</summary>
/// <param name="Name">Instance name.</param>
/// <param name="Parameters">Parameters of the instance.</param>
/// <param name="Instance">The instance.</param>
/// <param name="IsLocal">Declared LOCAL.</param>
public sealed record ModuleInstanceDef(Name Name, ImmutableArray<OpDecl> Parameters, Instance Instance, bool IsLocal) : Unit;

/// <summary>The keyword that introduced an assumption.</summary>
public enum AssumptionKind
{
    /// <summary><c>ASSUME</c>.</summary>
    Assume,

    /// <summary><c>ASSUMPTION</c>.</summary>
    Assumption,

    /// <summary><c>AXIOM</c>.</summary>
    Axiom,
}

/// <summary><c>ASSUME [name ==] expr</c>.</summary>
/// <param name="Kind">Which keyword.</param>
/// <param name="Label">Optional name.</param>
/// <param name="Body">The assumed formula.</param>
public sealed record Assumption(AssumptionKind Kind, Name? Label, Expr Body) : Unit;

/// <summary><c>THEOREM [name ==] statement [proof]</c>. Proofs are kept as source text only; the engine does not check them.</summary>
/// <param name="Keyword">THEOREM, LEMMA, PROPOSITION or COROLLARY.</param>
/// <param name="Label">Optional name.</param>
/// <param name="Body">The statement: an expression or an <see cref="AssumeProve"/>.</param>
/// <param name="Proof">The proof's source text, when there is one.</param>
public sealed record Theorem(string Keyword, Name? Label, Expr Body, string? Proof) : Unit;

/// <summary>A <c>USE</c> or <c>HIDE</c> directive at module level, kept as text.</summary>
/// <param name="Text">The directive's source text.</param>
public sealed record ProofDirective(string Text) : Unit;

/// <summary>A module nested inside another.</summary>
/// <param name="Module">The inner module.</param>
public sealed record NestedModule(Module Module) : Unit;

/// <summary>A <c>----</c> line between units; kept so printed specs keep their sections.</summary>
public sealed record Separator : Unit;

// ───────────────────────────── Expressions ─────────────────────────────

/// <summary>Base of all expressions.</summary>
public abstract record Expr : SyntaxNode;

/// <summary>
/// A bound variable declaration: <c>x, y \in S</c>, <c>&lt;&lt;x, y&gt;&gt; \in S</c>, or unbounded <c>x</c> (Set is null).
/// </summary>
/// <param name="Names">The bound names.</param>
/// <param name="IsTuple">True for <c>&lt;&lt;x, y&gt;&gt; \in S</c>.</param>
/// <param name="Set">The set they range over, or null when unbounded.</param>
public sealed record BoundDecl(ImmutableArray<Name> Names, bool IsTuple, Expr? Set) : SyntaxNode;

/// <summary>One segment of an instance path: <c>I(x)</c> in <c>I(x)!Op</c>.</summary>
/// <param name="Name">Segment name.</param>
/// <param name="Arguments">Arguments of a parameterized instance.</param>
public sealed record PathSegment(Name Name, ImmutableArray<Expr> Arguments) : SyntaxNode;

/// <summary>
/// A use of a named operator, constant, variable or bound name, with arguments when applied:
/// <c>x</c>, <c>F(a, b)</c>, <c>I!Op(a)</c>, <c>I(x)!J!Op</c>.
/// </summary>
/// <param name="Path">Instance prefixes before the final name (empty for plain names).</param>
/// <param name="Name">The operator's name.</param>
/// <param name="Arguments">Arguments; empty when not applied.</param>
public sealed record OpApp(ImmutableArray<PathSegment> Path, Name Name, ImmutableArray<Expr> Arguments) : Expr;

/// <summary>A built-in or user-defined infix operator application, e.g. <c>a + b</c>, <c>a \prec b</c>.</summary>
/// <param name="Operator">The canonical ASCII spelling (synonyms such as <c>\land</c> and <c>∧</c> map to <c>/\</c>).</param>
/// <param name="Left">Left operand.</param>
/// <param name="Right">Right operand.</param>
public sealed record Binary(Name Operator, Expr Left, Expr Right) : Expr;

/// <summary>A prefix operator: <c>~</c>, <c>-</c>, <c>[]</c>, <c>&lt;&gt;</c>, <c>ENABLED</c>, <c>UNCHANGED</c>, <c>SUBSET</c>, <c>UNION</c>, <c>DOMAIN</c>.</summary>
/// <param name="Operator">Canonical spelling; unary minus is <c>-.</c>.</param>
/// <param name="Operand">The operand.</param>
public sealed record Unary(Name Operator, Expr Operand) : Expr;

/// <summary>A postfix operator: <c>'</c>, <c>^+</c>, <c>^*</c>, <c>^#</c>.</summary>
/// <param name="Operator">Its spelling.</param>
/// <param name="Operand">The operand.</param>
public sealed record Postfix(Name Operator, Expr Operand) : Expr;

/// <summary><c>A \X B \X C</c>: the Cartesian product, which is n-ary, not a nest of binary products.</summary>
/// <param name="Factors">The sets multiplied.</param>
public sealed record CartesianProduct(ImmutableArray<Expr> Factors) : Expr;

/// <summary>An aligned bullet list of conjuncts (<c>/\</c>) or disjuncts (<c>\/</c>).</summary>
/// <param name="IsConjunction">True for <c>/\</c>, false for <c>\/</c>.</param>
/// <param name="Items">The items, in order.</param>
public sealed record JunctionList(bool IsConjunction, ImmutableArray<Expr> Items) : Expr;

/// <summary>An expression in parentheses, kept so printed specs read as written.</summary>
/// <param name="Inner">The enclosed expression.</param>
public sealed record Parens(Expr Inner) : Expr;

/// <summary>An integer literal in any notation (<c>42</c>, <c>\b101</c>, <c>\o17</c>, <c>\h1F</c>).</summary>
/// <param name="Value">The number's value.</param>
/// <param name="Text">How it was written.</param>
public sealed record NumberLiteral(BigInteger Value, string Text) : Expr;

/// <summary>A decimal literal such as <c>3.14</c> (module Reals).</summary>
/// <param name="Text">How it was written.</param>
public sealed record DecimalLiteral(string Text) : Expr;

/// <summary>A string literal; <see cref="Value"/> has its escapes resolved.</summary>
/// <param name="Value">The string's characters.</param>
public sealed record StringLiteral(string Value) : Expr;

/// <summary><c>@</c> inside an EXCEPT value: the old value at the path.</summary>
public sealed record AtSign : Expr;

/// <summary>Kinds of quantifiers.</summary>
public enum Quantifier
{
    /// <summary><c>\A</c>.</summary>
    Forall,

    /// <summary><c>\E</c>.</summary>
    Exists,
}

/// <summary><c>\A x \in S, y \in T : body</c>, or unbounded <c>\E x : body</c>.</summary>
/// <param name="Kind">Universal or existential.</param>
/// <param name="Bounds">Bound variables.</param>
/// <param name="Body">The formula.</param>
public sealed record Quantified(Quantifier Kind, ImmutableArray<BoundDecl> Bounds, Expr Body) : Expr;

/// <summary>Temporal quantifiers <c>\AA x : F</c> and <c>\EE x : F</c>.</summary>
/// <param name="Kind">Universal or existential.</param>
/// <param name="Names">Bound (flexible) variables.</param>
/// <param name="Body">The formula.</param>
public sealed record TemporalQuantified(Quantifier Kind, ImmutableArray<Name> Names, Expr Body) : Expr;

/// <summary><c>CHOOSE x \in S : P</c> or unbounded <c>CHOOSE x : P</c>.</summary>
/// <param name="Bound">The chosen name(s).</param>
/// <param name="Body">The predicate.</param>
public sealed record Choose(BoundDecl Bound, Expr Body) : Expr;

/// <summary><c>{a, b, c}</c>.</summary>
/// <param name="Elements">The elements, in written order.</param>
public sealed record SetEnumeration(ImmutableArray<Expr> Elements) : Expr;

/// <summary><c>{x \in S : P}</c>.</summary>
/// <param name="Bound">The filtered variable.</param>
/// <param name="Predicate">The filter.</param>
public sealed record SetFilter(BoundDecl Bound, Expr Predicate) : Expr;

/// <summary><c>{e : x \in S, y \in T}</c>.</summary>
/// <param name="Element">The mapped expression.</param>
/// <param name="Bounds">Bound variables.</param>
public sealed record SetMap(Expr Element, ImmutableArray<BoundDecl> Bounds) : Expr;

/// <summary><c>[x \in S |-> e]</c>.</summary>
/// <param name="Bounds">The domain as bound variables.</param>
/// <param name="Body">The value at each point.</param>
public sealed record FunctionConstructor(ImmutableArray<BoundDecl> Bounds, Expr Body) : Expr;

/// <summary><c>[S -> T]</c>.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Range">The codomain.</param>
public sealed record FunctionSet(Expr Domain, Expr Range) : Expr;

/// <summary>A field of a record constructor or record set.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Value">Its value (constructor) or set of values (record set).</param>
public sealed record RecordField(Name Name, Expr Value) : SyntaxNode;

/// <summary><c>[a |-> 1, b |-> 2]</c>.</summary>
/// <param name="Fields">The fields, in written order.</param>
public sealed record RecordConstructor(ImmutableArray<RecordField> Fields) : Expr;

/// <summary><c>[a : S, b : T]</c>.</summary>
/// <param name="Fields">The fields, in written order.</param>
public sealed record RecordSet(ImmutableArray<RecordField> Fields) : Expr;

/// <summary><c>f[a]</c> or <c>f[a, b]</c> (the latter applies f to the tuple).</summary>
/// <param name="Function">The function.</param>
/// <param name="Arguments">The arguments.</param>
public sealed record FunctionApplication(Expr Function, ImmutableArray<Expr> Arguments) : Expr;

/// <summary><c>r.field</c>.</summary>
/// <param name="Record">The record.</param>
/// <param name="Field">The field name.</param>
public sealed record FieldAccess(Expr Record, Name Field) : Expr;

/// <summary>One step of an EXCEPT path: <c>.f</c> or <c>[i]</c> / <c>[i, j]</c>.</summary>
public abstract record ExceptSelector : SyntaxNode;

/// <summary><c>.field</c> in an EXCEPT path.</summary>
/// <param name="Field">The field name.</param>
public sealed record FieldSelector(Name Field) : ExceptSelector;

/// <summary><c>[i]</c> in an EXCEPT path.</summary>
/// <param name="Indices">The index expressions (several make a tuple).</param>
public sealed record IndexSelector(ImmutableArray<Expr> Indices) : ExceptSelector;

/// <summary>One <c>!path = value</c> clause of an EXCEPT.</summary>
/// <param name="Path">The selectors after <c>!</c>.</param>
/// <param name="Value">The new value; may mention <see cref="AtSign"/>.</param>
public sealed record ExceptUpdate(ImmutableArray<ExceptSelector> Path, Expr Value) : SyntaxNode;

/// <summary><c>[f EXCEPT ![i] = e, !.a = b]</c>.</summary>
/// <param name="Function">The function or record updated.</param>
/// <param name="Updates">The clauses, applied in order.</param>
public sealed record Except(Expr Function, ImmutableArray<ExceptUpdate> Updates) : Expr;

/// <summary><c>&lt;&lt;a, b&gt;&gt;</c>.</summary>
/// <param name="Elements">The components.</param>
public sealed record TupleExpr(ImmutableArray<Expr> Elements) : Expr;

/// <summary><c>IF c THEN a ELSE b</c>.</summary>
/// <param name="Condition">The test.</param>
/// <param name="Then">Value when true.</param>
/// <param name="Else">Value when false.</param>
public sealed record IfThenElse(Expr Condition, Expr Then, Expr Else) : Expr;

/// <summary>One <c>guard -&gt; value</c> arm of a CASE.</summary>
/// <param name="Guard">The condition.</param>
/// <param name="Value">The result.</param>
public sealed record CaseArm(Expr Guard, Expr Value) : SyntaxNode;

/// <summary><c>CASE p -&gt; a [] q -&gt; b [] OTHER -&gt; c</c>.</summary>
/// <param name="Arms">Guarded arms, in order.</param>
/// <param name="Other">The OTHER value, if any.</param>
public sealed record Case(ImmutableArray<CaseArm> Arms, Expr? Other) : Expr;

/// <summary><c>LET defs IN body</c>. Definitions are operator, function or RECURSIVE units.</summary>
/// <param name="Definitions">The local definitions.</param>
/// <param name="Body">The expression they scope over.</param>
public sealed record Let(ImmutableArray<Unit> Definitions, Expr Body) : Expr;

/// <summary><c>LAMBDA x, y : e</c>.</summary>
/// <param name="Parameters">The parameters.</param>
/// <param name="Body">The body.</param>
public sealed record Lambda(ImmutableArray<Name> Parameters, Expr Body) : Expr;

/// <summary><c>[A]_v</c> (<see cref="IsAngle"/> false) or <c>&lt;&lt;A&gt;&gt;_v</c>.</summary>
/// <param name="Action">The action.</param>
/// <param name="Subscript">The state function v.</param>
/// <param name="IsAngle">True for the angle form.</param>
public sealed record ActionExpr(Expr Action, Expr Subscript, bool IsAngle) : Expr;

/// <summary><c>WF_v(A)</c> or <c>SF_v(A)</c>.</summary>
/// <param name="IsStrong">True for SF.</param>
/// <param name="Subscript">The state function v.</param>
/// <param name="Action">The action A.</param>
public sealed record Fairness(bool IsStrong, Expr Subscript, Expr Action) : Expr;

/// <summary><c>lbl(x, y) :: e</c>: a named subexpression.</summary>
/// <param name="Label">The label.</param>
/// <param name="Parameters">Parameters of the label.</param>
/// <param name="Body">The labelled expression.</param>
public sealed record Labeled(Name Label, ImmutableArray<Name> Parameters, Expr Body) : Expr;

/// <summary>An <c>ASSUME ... PROVE ...</c> statement of a theorem or proof step.</summary>
/// <param name="Assumptions">The hypotheses: expressions or <see cref="NewDecl"/>s.</param>
/// <param name="Goal">The conclusion.</param>
public sealed record AssumeProve(ImmutableArray<Expr> Assumptions, Expr Goal) : Expr;

/// <summary><c>NEW [CONSTANT|VARIABLE|STATE|ACTION|TEMPORAL] x \in S</c> inside ASSUME/PROVE.</summary>
/// <param name="Kind">The keyword after NEW, or an empty string.</param>
/// <param name="Declared">The declared name and arity.</param>
/// <param name="Set">The set for <c>x \in S</c>, if given.</param>
public sealed record NewDecl(string Kind, OpDecl Declared, Expr? Set) : Expr;

/// <summary>Placeholder produced by error recovery where an expression could not be parsed.</summary>
public sealed record ErrorExpr : Expr;
