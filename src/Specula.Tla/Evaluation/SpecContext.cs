using System.Collections.Concurrent;
using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>
/// Everything evaluation needs about one checked spec and its model: the resolved root module, the variables and
/// their slots in a state, the values given to constants, operator overrides, the string table (interned in the
/// order SANY meets the strings, which fixes TLC's string order), and caches of constant definitions.
/// </summary>
public sealed class SpecContext
{
    private readonly Dictionary<Symbol, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, Value> _constants = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Symbol, Symbol> _overrides = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<SyntaxNode, Symbol> _references = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the context of a checked module.</summary>
    /// <param name="root">The checked root module.</param>
    /// <param name="strings">The string table values are interned in.</param>
    public SpecContext(ResolvedModule root, StringTable strings)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(strings);
        Root = root;
        Strings = strings;
        Variables = root.Variables;
        for (var i = 0; i < Variables.Length; i++)
        {
            _slots[Variables[i]] = i;
        }
        InternStrings(root, new HashSet<ResolvedModule>(ReferenceEqualityComparer.Instance));
        _moduleDefinitions = new Lazy<HashSet<Symbol>>(() => ModuleDefinitionsOf(root));
    }

    private readonly Lazy<HashSet<Symbol>> _moduleDefinitions;

    /// <summary>
    /// Whether <paramref name="symbol"/> is defined at the top level of the root module or a module it extends:
    /// never a LET definition (a closure over its bindings), whatever the root's scope holds under its name.
    /// </summary>
    internal bool IsModuleDefinition(Symbol symbol) => _moduleDefinitions.Value.Contains(symbol);

    private static HashSet<Symbol> ModuleDefinitionsOf(ResolvedModule root)
    {
        var definitions = new HashSet<Symbol>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<ResolvedModule>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ResolvedModule>([root]);
        while (pending.TryPop(out var module))
        {
            if (!seen.Add(module))
            {
                continue;
            }
            definitions.UnionWith(module.Definitions);
            foreach (var extended in module.Extends)
            {
                pending.Push(extended);
            }
        }
        return definitions;
    }

    /// <summary>The root module.</summary>
    public ResolvedModule Root { get; }

    /// <summary>The string table of this model.</summary>
    public StringTable Strings { get; }

    /// <summary>The variables in declaration order: a state holds their values in this order.</summary>
    public ImmutableArray<Symbol> Variables { get; }

    /// <summary>Values of constant-level definitions without parameters, computed once.</summary>
    internal ConcurrentDictionary<Symbol, Value> ConstantCache { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The bindings of module instances whose substitutions are the same on every evaluation (an unnamed INSTANCE, or
    /// a named one without parameters at the root's top level, entered from the root or from such an instance), by
    /// instance and the bindings of the module instantiating it: built once, not on every use of an imported definition.
    /// </summary>
    private readonly ConcurrentDictionary<InstanceKey, Env> _instanceEnvs = new(InstanceKey.Comparer);

    /// <summary>The envs <see cref="_instanceEnvs"/> holds (and the root's empty one): the bases it keys by.</summary>
    private readonly ConcurrentDictionary<Env, byte> _sharedBases = new(ReferenceEqualityComparer.Instance);

    /// <summary>The shared bindings of <paramref name="instance"/> entered from <paramref name="from"/>, if kept.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="from">The base env of the instantiating module.</param>
    /// <param name="env">The instance's env.</param>
    /// <param name="keep">Whether <paramref name="from"/> is shared, so the env built may be kept with <see cref="KeepInstanceEnv"/>.</param>
    /// <returns>Whether one was kept.</returns>
    internal bool TryGetInstanceEnv(ResolvedInstance instance, Env from, out Env env, out bool keep)
    {
        keep = ReferenceEquals(from, Env.Empty) || _sharedBases.ContainsKey(from);
        env = null!;
        return keep && _instanceEnvs.TryGetValue(new InstanceKey(instance, from), out env!);
    }

    /// <summary>Keeps the env of <paramref name="instance"/> entered from a shared base; returns the one kept.</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="from">A shared base env (see <see cref="TryGetInstanceEnv"/>).</param>
    /// <param name="env">The env built.</param>
    /// <returns>The env kept (another worker's, if it kept one first).</returns>
    internal Env KeepInstanceEnv(ResolvedInstance instance, Env from, Env env)
    {
        var kept = _instanceEnvs.GetOrAdd(new InstanceKey(instance, from), env);
        _sharedBases.TryAdd(kept, 0);
        return kept;
    }

    private readonly record struct InstanceKey(ResolvedInstance Instance, Env From)
    {
        public static readonly IEqualityComparer<InstanceKey> Comparer = new ByReference();

        private sealed class ByReference : IEqualityComparer<InstanceKey>
        {
            public bool Equals(InstanceKey x, InstanceKey y) => ReferenceEquals(x.Instance, y.Instance) && ReferenceEquals(x.From, y.From);

            public int GetHashCode(InstanceKey key) =>
                HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Instance),
                    System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.From));
        }
    }

    /// <summary>Gives a constant its value.</summary>
    public void SetConstant(Symbol constant, Value value)
    {
        ArgumentNullException.ThrowIfNull(constant);
        _constants[constant] = value;
        _definitionValues |= constant.Kind != SymbolKind.Constant;
    }

    /// <summary>Gives a definition without parameters a value instead of its body (TLC allows <c>Def = value</c>).</summary>
    public void OverrideWithValue(Symbol definition, Value value)
    {
        _constants[definition] = value;
        _definitionValues = true;
    }

    // Whether a definition (not a CONSTANT) was given a value: most models give none, and then a reference to a
    // definition looks nothing up.
    private bool _definitionValues;

    /// <summary>True when the configuration gave the constant a value or a replacement.</summary>
    public bool HasValueFor(Symbol constant) => _constants.ContainsKey(constant) || _overrides.ContainsKey(constant);

    /// <summary>Replaces a constant or definition by another definition (TLC's <c>c &lt;- Def</c>).</summary>
    public void SetOverride(Symbol target, Symbol replacement) => _overrides[target] = replacement;

    internal bool TryGetSlot(Symbol variable, out int slot)
    {
        // Asked for every variable an action assigns or leaves unchanged: with the few variables specs have, a scan
        // by reference beats hashing through the dictionary's comparer.
        var variables = Variables;
        if (variables.Length <= 16)
        {
            for (var i = 0; i < variables.Length; i++)
            {
                if (ReferenceEquals(variables[i], variable))
                {
                    slot = i;
                    return true;
                }
            }
            slot = -1;
            return false;
        }
        return _slots.TryGetValue(variable, out slot);
    }

    internal bool TryGetConstant(Symbol constant, out Value value) => _constants.TryGetValue(constant, out value);

    /// <summary>The value the model gives a definition (<c>Def = value</c>), as <see cref="TryGetConstant"/>.</summary>
    internal bool TryGetDefinitionValue(Symbol definition, out Value value)
    {
        if (!_definitionValues)
        {
            value = default;
            return false;
        }
        return _constants.TryGetValue(definition, out value);
    }

    internal bool TryGetOverride(Symbol symbol, out Symbol replacement)
    {
        // Most models override nothing: no hashing on every reference then.
        if (_overrides.Count == 0)
        {
            replacement = null!;
            return false;
        }
        return _overrides.TryGetValue(symbol, out replacement!);
    }

    /// <summary>
    /// What evaluation has worked out about a node in this context, kept on the node (<see cref="SyntaxNode.Memo"/>):
    /// asked for on every evaluation, worked out once. A node shared by two contexts keeps the facts of the last one
    /// that asked, so they say which context and node they are about (a <c>with</c> copy shares its original's memo).
    /// </summary>
    internal NodeFacts Facts(SyntaxNode node)
    {
        if (node.Memo.Value is NodeFacts facts && ReferenceEquals(facts.Context, this) && ReferenceEquals(facts.Node, node))
        {
            return facts;
        }
        facts = new NodeFacts(this, node);
        node.Memo.Value = facts;
        return facts;
    }

    /// <summary>The symbol a reference node resolves to.</summary>
    internal Symbol? Resolve(SyntaxNode node)
    {
        var facts = Facts(node);
        if (facts.Resolution is not { } resolution)
        {
            resolution = new Resolution(Root.Resolve(node) ?? _references.GetValueOrDefault(node), OperandsOf(node));
            facts.Resolution = resolution;
        }
        return resolution.Symbol;
    }

    /// <summary>
    /// A reference to <paramref name="symbol"/> built by code, for a definition the configuration names that has no
    /// body of its own in the root module (one imported by an unnamed INSTANCE, evaluated with its substitutions).
    /// </summary>
    internal OpApp Reference(Symbol symbol)
    {
        var node = new OpApp([], new Name(symbol.Name), []);
        _references[node] = symbol;
        return node;
    }

    /// <summary>The operands of an operator node as an argument list, built once instead of on every evaluation.</summary>
    internal ImmutableArray<Expr> Operands(SyntaxNode node)
    {
        Resolve(node);
        return Facts(node).Resolution!.Operands;
    }

    private static ImmutableArray<Expr> OperandsOf(SyntaxNode node) => node switch
    {
        Binary b => [b.Left, b.Right],
        Unary u => [u.Operand],
        Postfix p => [p.Operand],
        _ => [],
    };

    /// <summary>The value of a string literal, interned once.</summary>
    internal Value StringLiteral(StringLiteral literal)
    {
        var facts = Facts(literal);
        if (facts.Literal is not ValueBox box)
        {
            box = new ValueBox(Strings.Str(literal.Value));
            facts.Literal = box;
        }
        return box.Value;
    }

    /// <summary>The interned name of a field access or EXCEPT selector, interned once.</summary>
    internal TlaString FieldName(SyntaxNode node, string name)
    {
        var facts = Facts(node);
        if (facts.Literal is not TlaString interned)
        {
            interned = Strings.Intern(name);
            facts.Literal = interned;
        }
        return interned;
    }

    /// <summary>The sorted shape of a record constructor, worked out once; null when its fields repeat.</summary>
    internal RecordShape? Shape(RecordConstructor node)
    {
        var facts = Facts(node);
        if (facts.Literal is RecordShape shape)
        {
            return shape;
        }
        if (facts.Literal is NoShape)
        {
            return null;
        }
        try
        {
            shape = new RecordShape([.. node.Fields.Select(f => Strings.Intern(f.Name.Text))]);
            facts.Literal = shape;
            return shape;
        }
        catch (ArgumentException)
        {
            // A repeated field: evaluation reports it as it always has.
            facts.Literal = NoShape.Instance;
            return null;
        }
    }

    private sealed class NoShape
    {
        public static readonly NoShape Instance = new();
    }

    // TLC orders strings by when they were interned, and SANY interns them as it parses: modules in the order they
    // are read, strings in text order.
    private void InternStrings(ResolvedModule module, HashSet<ResolvedModule> seen)
    {
        if (!seen.Add(module) || module.Syntax is null)
        {
            return;
        }
        foreach (var text in StringLiterals(module.Syntax))
        {
            Strings.Intern(text);
        }
        foreach (var extended in module.Extends)
        {
            InternStrings(extended, seen);
        }
        foreach (var instance in module.Instances)
        {
            InternStrings(instance.Module, seen);
        }
        foreach (var definition in module.Definitions)
        {
            if (definition.Instance is { } named)
            {
                InternStrings(named.Module, seen);
            }
        }
    }

    private static IEnumerable<string> StringLiterals(SyntaxNode node)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(node);
        var found = new List<(int Start, string Text)>();
        var children = new List<SyntaxNode>();
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (item is StringLiteral s)
            {
                found.Add((s.Span.Start, s.Value));
                continue;
            }
            children.Clear();
            SyntaxChildren.AddTo(item, children);
            foreach (var child in children)
            {
                stack.Push(child);
            }
        }
        return found.OrderBy(f => f.Start).Select(f => f.Text);
    }
}

/// <summary>
/// What evaluation remembers about one syntax node in one context. Each field is written whole with an immutable
/// object, so a thread sees either nothing yet (and works it out too) or the finished fact.
/// </summary>
internal sealed class NodeFacts(SpecContext context, SyntaxNode node)
{
    public SpecContext Context { get; } = context;

    public SyntaxNode Node { get; } = node;

    /// <summary>What the node resolves to, for references and operator applications.</summary>
    public Resolution? Resolution;

    /// <summary>A literal's value, an interned field name or a record constructor's shape.</summary>
    public object? Literal;

    /// <summary>Whether the node is a constant expression, and then its value once computed (see <c>Evaluator</c>).</summary>
    public object? Constant;

    /// <summary>For an infix operator node: the operator after the model's overrides and how to evaluate it.</summary>
    public BinaryDispatch? Binary;

    /// <summary>How successor generation treats the node (ActionGenerator's), once it has met it.</summary>
    public object? Generation;

    /// <summary>Whether successor generation only tests the node as a condition: 0 not worked out yet, 1 yes, -1 no.</summary>
    public sbyte GeneratedAsTest;

    /// <summary>A literal passed as an operator's argument: the binding every call shares (immutable).</summary>
    public ValueBinding? PassedLiteral;

    /// <summary>The node compiled into a closure, once evaluated by an evaluator that compiles.</summary>
    public Compilation.CompiledExpr? Compiled;
}

/// <summary>How an infix operator is evaluated: one of the operators evaluated inline, or through its symbol.</summary>
internal enum BinaryKind
{
    /// <summary>Through <c>EvalStandard</c>: another built-in or standard-module operator.</summary>
    Standard,

    /// <summary>Through <c>EvalSymbol</c>: a user definition.</summary>
    Defined,
    And,
    Or,
    Implies,
    Equal,
    NotEqual,
    In,
    NotIn,
    Union,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
    Plus,
    Minus,
}

/// <summary>An infix operator node's symbol (after overrides) and kind, worked out once and published in one write.</summary>
internal sealed record BinaryDispatch(Symbol Symbol, BinaryKind Kind);

/// <summary>A node's symbol and, for operator nodes, its operands as an argument list.</summary>
internal sealed record Resolution(Symbol? Symbol, ImmutableArray<Expr> Operands);

/// <summary>A computed value kept as an object, to be published in one write.</summary>
internal sealed record ValueBox(Value Value);
