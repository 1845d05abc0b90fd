using System.Collections.Immutable;
using Specula.Tla.Checking;
using Specula.Tla.Diagnostics;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation;

/// <summary>An action of a spec that traces can name: a definition reached from the next-state action.</summary>
/// <param name="Name">The definition's name.</param>
/// <param name="Parameters">Its parameters, in order.</param>
/// <param name="Location">Where it is defined.</param>
public sealed record SpecAction(string Name, ImmutableArray<string> Parameters, SourceLocation? Location);

/// <summary>A value a successor must have, known before the step (a trace's observation): a variable's value, or its
/// value at <paramref name="Key"/> when the variable is a function.</summary>
/// <param name="Slot">The variable's slot.</param>
/// <param name="Key">The argument of the function; null for the whole value.</param>
/// <param name="Expected">The value.</param>
public sealed record SlotExpectation(int Slot, Value? Key, Value Expected)
{
    /// <summary>Whether <paramref name="value"/>, the variable's new value, meets the expectation.</summary>
    public bool Holds(Value value) => Key is not { } key ? value.Equals(Expected)
        : value.IsFunction && value.AsFunction.TryApply(key, out var entry) && entry.Equals(Expected);
}

/// <summary>A successor reached by taking an action.</summary>
/// <param name="State">The successor.</param>
/// <param name="Arguments">The arguments the action was taken with (free ones as the spec chose them).</param>
public sealed record ActionStep(State State, ImmutableArray<Value> Arguments);

/// <summary>A part of a conjunct and its value in the state it was evaluated in.</summary>
/// <param name="Text">The part, as TLA+.</param>
/// <param name="Value">Its value, as TLA+.</param>
public sealed record ConjunctPart(string Text, string Value);

/// <summary>Why an action could not be taken: the conjunct that was false after the most that held.</summary>
/// <param name="Text">The conjunct, as TLA+.</param>
/// <param name="Location">Where it is written.</param>
/// <param name="Parts">Its parts and their values.</param>
/// <param name="Arguments">The action's arguments on the path that failed.</param>
/// <param name="ConjunctsHeld">How many conjuncts held before it on that path.</param>
/// <param name="Inner">When the conjunct uses a definition (<c>Quorum(votes[n])</c>): the conjunct inside it that failed.</param>
public sealed record ConjunctFailure(string Text, SourceLocation? Location, ImmutableArray<ConjunctPart> Parts, ImmutableArray<Value> Arguments, int ConjunctsHeld,
    ConjunctFailure? Inner = null);

/// <summary>The outcome of trying an action in a state.</summary>
/// <param name="Successors">The successors, in generation order (duplicates removed).</param>
/// <param name="Entered">Whether the action was reached with matching arguments at all (false: a guard outside it,
/// e.g. in the next-state action, or arguments no enclosing quantifier offers).</param>
/// <param name="Failure">When there is no successor: the conjunct that failed last inside the action.</param>
/// <param name="Error">An evaluation error met while trying the action (TLC would stop with it).</param>
public sealed record StepOutcome(ImmutableArray<ActionStep> Successors, bool Entered, ConjunctFailure? Failure, EvaluationException? Error);

/// <summary>
/// Takes a spec one action at a time, as trace validation needs: its initial states, and the successors of a state
/// under one named action with given (or free) arguments, reached through the next-state action exactly as the model
/// checker reaches it; when there are none, the conjunct that failed. Not thread-safe: one per worker.
/// </summary>
public sealed class SpecStepper
{
    private readonly Evaluator _evaluator;
    private readonly ActionGenerator _generator;
    private readonly ActionReachability _reachability;
    private readonly Expr _init;
    private readonly Expr _next;
    private readonly Dictionary<string, int> _slots;
    private readonly Dictionary<string, (Symbol Symbol, SpecAction Action)> _actions = new(StringComparer.Ordinal);

    private SpecStepper(LoadedModel model, ModelDefinitions definitions, Action<string>? output)
    {
        Context = model.Context;
        _evaluator = new Evaluator(Context) { Output = output };
        _generator = new ActionGenerator(_evaluator);
        _reachability = new ActionReachability(Context);
        _init = definitions.Init;
        _next = definitions.Next;
        Variables = [.. Context.Variables.Select(v => v.Name)];
        _slots = Variables.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Creates a stepper for a loaded model that names a behaviour (INIT/NEXT or SPECIFICATION).</summary>
    /// <exception cref="ArgumentException">The model names no behaviour.</exception>
    public static SpecStepper Create(LoadedModel model, Action<string>? output = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Definitions is { } definitions
            ? new SpecStepper(model, definitions, output)
            : throw new ArgumentException("The model names no behaviour (no SPECIFICATION, INIT or NEXT).", nameof(model));
    }

    /// <summary>The spec's context (constants, strings: values compared with states must be made with its strings).</summary>
    public SpecContext Context { get; }

    /// <summary>The state variables, in slot order.</summary>
    public ImmutableArray<string> Variables { get; }

    /// <summary>The slot of a variable, or -1.</summary>
    public int SlotOf(string variable) => _slots.GetValueOrDefault(variable, -1);

    /// <summary>The action of that name (a definition of the root module or one it extends), or null.</summary>
    public SpecAction? FindAction(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Lookup(name)?.Action;
    }

    private (Symbol Symbol, SpecAction Action)? Lookup(string name)
    {
        if (_actions.TryGetValue(name, out var found))
        {
            return found;
        }
        if (Context.Root.Lookup(name) is not { Kind: SymbolKind.Operator, Declaration: OperatorDef def } symbol)
        {
            return null;
        }
        var location = def.Span.IsNone || Context.Root.Source is not { } source || symbol.Origin is not null ? null : (SourceLocation?)source.Locate(def.Span);
        var action = new SpecAction(name, [.. def.Parameters.Select(p => p.Name.Text)], location);
        _actions[name] = (symbol, action);
        return (symbol, action);
    }

    /// <summary>Whether generating from the next-state action can take <paramref name="action"/> at all.</summary>
    public bool IsReachableFromNext(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Lookup(action) is not { } target)
        {
            return false;
        }
        return _reachability.Reaches(_next, target.Symbol);
    }

    /// <summary>The initial states, duplicates removed, in generation order.</summary>
    /// <exception cref="EvaluationException">The initial predicate cannot be evaluated.</exception>
    public ImmutableArray<State> InitialStates()
    {
        var seen = new HashSet<State>();
        var states = ImmutableArray.CreateBuilder<State>();
        _generator.InitialStates(_init, Env.Empty, values =>
        {
            var state = State.Own(values);
            if (seen.Add(state))
            {
                states.Add(state);
            }
        });
        return states.ToImmutable();
    }

    /// <summary>
    /// The successors of <paramref name="from"/> in which <paramref name="action"/> is taken with
    /// <paramref name="arguments"/> (null entries are free: any value the spec's quantifiers offer).
    /// </summary>
    /// <exception cref="ArgumentException">No such action, or the wrong number of arguments.</exception>
    public StepOutcome Step(State from, string action, IReadOnlyList<Value?> arguments) => Step(from, action, arguments, null);

    /// <summary>
    /// The successors of <paramref name="from"/> in which <paramref name="action"/> is taken with
    /// <paramref name="arguments"/> and every one of <paramref name="expected"/> holds. Generation drops a path as
    /// soon as the action assigns a variable a value that misses them, so the choices of later <c>\E</c>s are not
    /// multiplied by the ones of an earlier variable the trace already rules out. When no successor is left, the
    /// outcome says nothing about why: step again without expectations to learn it.
    /// </summary>
    /// <exception cref="ArgumentException">No such action, or the wrong number of arguments.</exception>
    public StepOutcome Step(State from, string action, IReadOnlyList<Value?> arguments, IReadOnlyList<SlotExpectation>? expected)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(arguments);
        var target = Lookup(action) ?? throw new ArgumentException($"The spec has no action {action}.", nameof(action));
        if (target.Action.Parameters.Length != arguments.Count)
        {
            throw new ArgumentException($"{action} takes {target.Action.Parameters.Length} arguments, not {arguments.Count}.", nameof(arguments));
        }
        var focus = new ActionFocus(target.Symbol, [.. arguments], _reachability) { Expected = ExpectationsBySlot(expected) };
        var seen = new HashSet<State>();
        var successors = ImmutableArray.CreateBuilder<ActionStep>();
        EvaluationException? error = null;
        try
        {
            _generator.FocusedSuccessors(_next, Env.Empty, from.Values.ToArray(), focus, (values, args) =>
            {
                var state = State.Own(values);
                if (seen.Add(state))
                {
                    successors.Add(new ActionStep(state, [.. args]));
                }
            });
        }
        catch (EvaluationException ex)
        {
            error = ex;
        }
        var failure = successors.Count == 0 && focus.Failure is { } f ? Describe(f) : null;
        return new StepOutcome(successors.ToImmutable(), focus.Entered, failure, error);
    }

    private SlotExpectation[]?[]? ExpectationsBySlot(IReadOnlyList<SlotExpectation>? expected)
    {
        if (expected is null || expected.Count == 0)
        {
            return null;
        }
        var bySlot = new SlotExpectation[]?[Variables.Length];
        foreach (var group in expected.Where(e => e.Slot >= 0 && e.Slot < bySlot.Length).GroupBy(e => e.Slot))
        {
            bySlot[group.Key] = [.. group];
        }
        return bySlot;
    }

    private ConjunctFailure Describe(FailedConjunct f)
    {
        var inner = f.Inner is { } i ? new ConjunctFailure(TlaPrinter.Print(i), Locate(i), [.. f.InnerParts.Select(p => new ConjunctPart(p.Text, p.Value))], [.. f.Arguments], f.Passed) : null;
        return new ConjunctFailure(TlaPrinter.Print(f.Conjunct), Locate(f.Conjunct), [.. f.Parts.Select(p => new ConjunctPart(p.Text, p.Value))], [.. f.Arguments], f.Passed, inner);
    }

    private SourceLocation? Locate(Expr e) => e.Span.IsNone || Context.Root.Source is not { } source ? null : source.Locate(e.Span);

    /// <summary>
    /// The value a name stands for in the model, for translating observed values: a model value of the
    /// configuration, a constant, or a definition without parameters at constant level. Null when there is none.
    /// </summary>
    public Value? ValueOfName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Context.Root.Lookup(name) is { } symbol)
        {
            if (symbol.Kind == SymbolKind.Constant && Context.TryGetConstant(symbol, out var constant))
            {
                return constant;
            }
            if (symbol is { Kind: SymbolKind.Operator, Arity: 0, Level: Level.Constant, Declaration: OperatorDef def })
            {
                try
                {
                    return _evaluator.Eval(def.Body, Env.Empty, new StatePair());
                }
                catch (EvaluationException)
                {
                    return null;
                }
            }
        }
        return Context.Strings.TryGetModelValue(name, out var modelValue) ? Value.Model(modelValue) : null;
    }

    /// <summary>A state as TLC prints one, a line per variable (<see cref="State.ToTla"/>).</summary>
    public string Format(State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ToTla(Variables);
    }
}
