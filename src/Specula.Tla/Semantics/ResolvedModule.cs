using System.Collections.Immutable;
using Specula.Tla.Diagnostics;
using Specula.Tla.Syntax;

namespace Specula.Tla.Semantics;

/// <summary>
/// A module after semantic checking: its constants, variables and definitions with their levels, what it exports,
/// and (shared by every module of one check) the symbol each reference in the syntax tree resolves to.
/// </summary>
public sealed class ResolvedModule
{
    internal ResolvedModule(string name, Module? syntax, SourceText? source, StandardModule? standard, IReadOnlyDictionary<SyntaxNode, Symbol> references)
    {
        Name = name;
        Syntax = syntax;
        Source = source;
        Standard = standard;
        References = references;
    }

    /// <summary>The module name.</summary>
    public string Name { get; }

    /// <summary>The module's syntax tree; null for standard modules and for files the parser could not read as a module.</summary>
    public Module? Syntax { get; }

    /// <summary>The file the module was read from; null for standard modules.</summary>
    public SourceText? Source { get; }

    /// <summary>The table entry of a standard module; null for user modules.</summary>
    public StandardModule? Standard { get; }

    /// <summary>Modules named in EXTENDS that could be resolved, in order.</summary>
    public ImmutableArray<ResolvedModule> Extends { get; internal set; } = [];

    /// <summary>All constants in scope (declared here or in an extended module), in declaration order.</summary>
    public ImmutableArray<Symbol> Constants { get; internal set; } = [];

    /// <summary>All variables in scope (declared here or in an extended module), in declaration order.</summary>
    public ImmutableArray<Symbol> Variables { get; internal set; } = [];

    /// <summary>Operator, function and instance definitions written in this module (LOCAL ones included), in order.</summary>
    public ImmutableArray<Symbol> Definitions { get; internal set; } = [];

    /// <summary>Unnamed INSTANCEs of this module, in order.</summary>
    public ImmutableArray<ResolvedInstance> Instances { get; internal set; } = [];

    /// <summary>What importers (EXTENDS, INSTANCE, <c>I!Op</c>) see: every non-LOCAL symbol, by name.</summary>
    public IReadOnlyDictionary<string, Symbol> Exports { get; internal set; } = ImmutableDictionary<string, Symbol>.Empty;

    /// <summary>Every name visible at the end of the module (own, extended and instantiated symbols), by name.</summary>
    public IReadOnlyDictionary<string, Symbol> Scope { get; internal set; } = ImmutableDictionary<string, Symbol>.Empty;

    /// <summary>Modules nested in this one, by name.</summary>
    public IReadOnlyDictionary<string, ResolvedModule> NestedModules { get; internal set; } = ImmutableDictionary<string, ResolvedModule>.Empty;

    /// <summary>
    /// The symbol each reference resolves to, keyed by node identity (<see cref="OpApp"/>, <see cref="Binary"/>,
    /// <see cref="Unary"/>, <see cref="Postfix"/> nodes and <see cref="PathSegment"/>s of <c>I!Op</c>). Shared by all
    /// modules of one check.
    /// </summary>
    public IReadOnlyDictionary<SyntaxNode, Symbol> References { get; }

    /// <summary>
    /// True when some names of the module could not be checked because a module it imports is not modelled (a TLAPS
    /// library) or could not be read; unknown names are then not reported.
    /// </summary>
    public bool IsIncomplete { get; internal set; }

    internal Dictionary<string, Symbol> LocalDefinitions { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, Symbol> ParameterMap { get; } = new(StringComparer.Ordinal);

    /// <summary>The symbol a reference node resolves to, or null when it was not resolved.</summary>
    public Symbol? Resolve(SyntaxNode node) => node is not null && References.TryGetValue(node, out var symbol) ? symbol : null;

    /// <summary>Finds a name visible at the end of the module.</summary>
    public Symbol? Lookup(string name) => name is not null && Scope.TryGetValue(name, out var symbol) ? symbol : null;

    /// <summary>Finds a definition by name and returns its level, or null when there is no such name.</summary>
    public Level? LevelOf(string name) => Lookup(name)?.Level;

    /// <summary>
    /// The level of an expression of this module (or of any module of the same check), e.g. of one conjunct of a
    /// specification: <c>Level.Action</c> for <c>x' = x + 1</c>, <c>Level.Temporal</c> for <c>[][Next]_v</c>.
    /// Operator applications take their definitions' levels raised by the arguments; parameters of the enclosing
    /// definition count as constants.
    /// </summary>
    public Level LevelOf(Expr expression) => ExpressionLevels.Of(References, expression);

    /// <inheritdoc/>
    public override string ToString() => $"module {Name}";
}

/// <summary>What a semantic check gives: the checked root module (null when it could not be found) and every problem.</summary>
/// <param name="Module">The root module, possibly with errors.</param>
/// <param name="Diagnostics">Parse diagnostics of the modules read, then semantic diagnostics, in the order found.</param>
public sealed record SemanticResult(ResolvedModule? Module, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the root module was found and no error was reported.</summary>
    public bool Succeeded
    {
        get
        {
            if (Module is null)
            {
                return false;
            }
            foreach (var d in Diagnostics)
            {
                if (d.Severity == DiagnosticSeverity.Error)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
