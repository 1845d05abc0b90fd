using System.Collections.Immutable;
using Specula.Tla.Semantics;
using Specula.Tla.Syntax;
using Specula.Tla.Values;

using static Specula.Tla.Syntax.SyntaxExtensions;

namespace Specula.Tla.Evaluation;

/// <summary>
/// Generates the states that satisfy an initial predicate, and the successors of a state under an action, the way
/// TLC does: conjunctions are walked left to right with the rest as a continuation, disjunctions and <c>\E</c> fork,
/// the first <c>x' = e</c> or <c>x' \in S</c> (in Init: <c>x = e</c>, <c>x \in S</c>) of a variable not yet given a
/// value assigns it and later ones compare, UNCHANGED assigns or compares, IF and CASE follow one arm, and everything
/// else is a guard evaluated with what has been assigned so far. Every solution is emitted, duplicates included.
/// </summary>
internal sealed class ActionGenerator(Evaluator evaluator)
{
    private readonly Evaluator _eval = evaluator;

    /// <summary>What a pending conjunct asks for.</summary>
    private enum Frame
    {
        /// <summary>Generate from the expression.</summary>
        Action,

        /// <summary>UNCHANGED of the expression.</summary>
        Unchanged,

        /// <summary>The expression's value changes (the second half of <c>&lt;&lt;A&gt;&gt;_v</c>).</summary>
        Changed,
    }

    /// <summary>
    /// Pending conjuncts: the rest of the action after the current one. Continuations live exactly as long as the
    /// generation call they are passed to (nothing keeps one afterwards), so each run reuses them as a stack
    /// (<see cref="Run.Push"/>, <see cref="Run.Pop"/>) instead of allocating one per conjunct of every action tried.
    /// </summary>
    private sealed class Continuation
    {
        public Expr Expression = null!;
        public Env Env = null!;
        public Continuation? Next;
        public Frame Kind;
    }

    /// <summary>One generation run: the states it reads and writes, and where solutions go.</summary>
    private sealed class Run
    {
        public required StatePair States;
        public required bool Init;
        public required Action<Value[]> Emit;
        public required SyntaxNode Root { get; set; }

        /// <summary>Set when the run goes through several actions in turn: receives each solution with <see cref="Action"/>.</summary>
        public Action<Value[], int>? EmitAction;

        /// <summary>The index of the action being generated from, for <see cref="EmitAction"/>.</summary>
        public int Action;

        /// <summary>Set when only the successors through one action are wanted (trace validation).</summary>
        public ActionFocus? Focus;

        /// <summary>
        /// Set for ENABLED: a solution need not give every variable a value (TLC's enabled() accepts a partial
        /// state), as a refinement's action leaves the implementation's own variables free.
        /// </summary>
        public bool Partial;

        /// <summary>How many <see cref="Generate"/> calls are on the stack.</summary>
        public int Depth;

        /// <summary>Receives the number of intermediate states of an action composition <c>A \cdot B</c> (TLC counts them as generated).</summary>
        public Action<int>? Intermediate;

        private Continuation[] _continuations = [];
        private int _pushed;

        /// <summary>How many continuations are in use: what <see cref="Pop"/> returns to once a call is over.</summary>
        public int Pushed => _pushed;

        /// <summary>A continuation for the duration of the generation call it is passed to (then <see cref="Pop"/>).</summary>
        public Continuation Push(Expr expression, Env env, Continuation? next, Frame kind = Frame.Action)
        {
            if (_pushed == _continuations.Length)
            {
                Array.Resize(ref _continuations, Math.Max(8, _pushed * 2));
            }
            var k = _continuations[_pushed] ??= new Continuation();
            _pushed++;
            k.Expression = expression;
            k.Env = env;
            k.Next = next;
            k.Kind = kind;
            return k;
        }

        /// <summary>Frees the continuations pushed since <paramref name="pushed"/> was <see cref="Pushed"/>.</summary>
        public void Pop(int pushed) => _pushed = pushed;
    }

    /// <summary>Calls <paramref name="emit"/> with every state satisfying <paramref name="init"/>.</summary>
    public void InitialStates(Expr init, Env env, Action<Value[]> emit)
    {
        var count = _eval.Spec.Variables.Length;
        var run = new Run
        {
            States = new StatePair { Next = new Value[count], Assigned = new bool[count] },
            Init = true,
            Emit = emit,
            Root = init,
        };
        Generate(init, env, null, run);
    }

    /// <summary>Calls <paramref name="emit"/> with every successor of <paramref name="current"/> under <paramref name="action"/>.</summary>
    public void Successors(Expr action, Env env, Value[] current, Action<Value[]> emit)
    {
        var count = current.Length;
        var run = new Run
        {
            States = new StatePair { Current = current, Next = new Value[count], Assigned = new bool[count] },
            Init = false,
            Emit = emit,
            Root = action,
        };
        Generate(action, env, null, run);
    }

    /// <summary>
    /// Calls <paramref name="emit"/> with every successor of <paramref name="current"/> under each of
    /// <paramref name="actions"/> in turn, with the action's index. One run serves all actions: the model checker
    /// asks this for every state, and a run per action would allocate its arrays that many times.
    /// </summary>
    public void Successors(ImmutableArray<(Expr Expression, Env Env)> actions, Value[] current, Action<Value[], int> emit, Action<int>? intermediate = null)
    {
        var count = current.Length;
        var run = new Run
        {
            States = new StatePair { Current = current, Next = new Value[count], Assigned = new bool[count] },
            Init = false,
            Emit = static _ => { },
            EmitAction = emit,
            Root = actions.IsEmpty ? null! : actions[0].Expression,
            Intermediate = intermediate,
        };
        for (var i = 0; i < actions.Length; i++)
        {
            // Every assignment is undone on the way back (Assign's finally), so the next action starts from nothing assigned.
            run.Root = actions[i].Expression;
            run.Action = i;
            Generate(actions[i].Expression, actions[i].Env, null, run);
        }
    }

    /// <summary>
    /// Calls <paramref name="emit"/> with every successor of <paramref name="current"/> under <paramref name="next"/>
    /// in which <paramref name="focus"/>'s action is taken with matching arguments, and the arguments it was taken with.
    /// The action is reached through <paramref name="next"/> itself, so its enclosing quantifiers, guards and
    /// conjuncts apply exactly as in model checking, and free arguments range over what the spec gives them.
    /// </summary>
    public void FocusedSuccessors(Expr next, Env env, Value[] current, ActionFocus focus, Action<Value[], Value[]> emit)
    {
        var count = current.Length;
        var run = new Run
        {
            States = new StatePair { Current = current, Next = new Value[count], Assigned = new bool[count] },
            Init = false,
            Emit = values => emit(values, focus.Arguments),
            Root = next,
            Focus = focus,
        };
        Generate(next, env, null, run);
    }

    /// <summary>True when <paramref name="action"/> has a successor from <paramref name="current"/> (ENABLED).</summary>
    public bool IsEnabled(Expr action, Env env, Value[] current)
    {
        var found = false;
        var run = new Run
        {
            States = new StatePair { Current = current, Next = new Value[current.Length], Assigned = new bool[current.Length] },
            Init = false,
            Emit = _ =>
            {
                found = true;
                throw new StopGeneration();
            },
            Root = action,
            Partial = true,
        };
        try
        {
            Generate(action, env, null, run);
        }
        catch (StopGeneration)
        {
        }
        return found;
    }

    private sealed class StopGeneration : Exception;

    private void Continue(Continuation? k, Run run)
    {
        if (k is null)
        {
            Emit(run);
            return;
        }
        switch (k.Kind)
        {
            case Frame.Unchanged:
                UnchangedOne(k.Expression, k.Env, k.Next, run);
                return;
            case Frame.Changed:
                if (!ValueOps.TlcEquals(_eval.EvalCore(k.Expression, k.Env, run.States, primed: true), _eval.EvalCore(k.Expression, k.Env, run.States, primed: false)))
                {
                    Continue(k.Next, run);
                }
                return;
            default:
                Generate(k.Expression, k.Env, k.Next, run);
                return;
        }
    }

    private void Emit(Run run)
    {
        _eval.Cancellation.ThrowIfCancellationRequested();
        if (run.Focus is { Active: 0 })
        {
            // A successor through another action than the one in focus.
            return;
        }
        var assigned = run.States.Assigned!;
        for (var i = 0; i < assigned.Length && !run.Partial; i++)
        {
            if (!assigned[i])
            {
                throw Unassigned(run, i);
            }
        }
        var values = run.States.Next!.AsSpan().ToArray();
        if (run.EmitAction is { } emitAction)
        {
            emitAction(values, run.Action);
            return;
        }
        run.Emit(values);
    }

    private EvaluationException Unassigned(Run run, int slot)
    {
        var name = _eval.Spec.Variables[slot].Name;
        return _eval.Error(run.Root, run.Init
            ? $"The initial predicate does not give the variable {name} a value."
            : $"Successor state is not completely specified by the next-state action: the variable {name}' is not assigned.");
    }

    private void Generate(Expr e, Env env, Continuation? k, Run run)
    {
        // The stack is checked every few levels (the check reads a thread-local): a few levels of this walk take far
        // less than the margin the check keeps, and the evaluator checks its own recursion through definitions.
        if ((++run.Depth & 7) == 0 && !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            run.Depth--;
            throw _eval.Error(e, "Generating successors recursed too deeply (an action with too many nested conjuncts or an endless recursion?).");
        }
        try
        {
            GenerateCore(e, env, k, run);
        }
        catch (ValueException ex)
        {
            throw _eval.Error(e, ex.Message);
        }
        finally
        {
            run.Depth--;
        }
    }

    private void GenerateCore(Expr e, Env env, Continuation? k, Run run)
    {
        switch (e)
        {
            case Parens p:
                Generate(p.Inner, env, k, run);
                return;
            case Labeled l:
                Generate(l.Body, env, k, run);
                return;
            case JunctionList { IsConjunction: true } j:
                GenerateConjunction(j, env, k, run);
                return;
            case JunctionList j:
                foreach (var item in j.Items)
                {
                    Generate(item, env, k, run);
                }
                return;
            case Quantified { Kind: Quantifier.Exists } q:
                GenerateExists(q, env, k, run);
                return;
            case Quantified { Kind: Quantifier.Forall } q:
            {
                // \A unrolls into a conjunction over the bindings.
                var bodies = new List<Env>();
                _eval.ForEachBinding(q.Bounds, 0, env, run.States, run.Init, bodies.Add);
                var pushed = run.Pushed;
                var rest = k;
                for (var i = bodies.Count - 1; i >= 0; i--)
                {
                    rest = run.Push(q.Body, bodies[i], rest);
                }
                ContinueThenPop(rest, pushed, run);
                return;
            }
            case IfThenElse ite:
                Generate(Guard(ite.Condition, env, run) ? ite.Then : ite.Else, env, k, run);
                return;
            case Case c:
                foreach (var arm in c.Arms)
                {
                    if (Guard(arm.Guard, env, run))
                    {
                        Generate(arm.Value, env, k, run);
                        return;
                    }
                }
                if (c.Other is null)
                {
                    throw _eval.Error(c, "Attempted to evaluate a CASE with no conditions true.");
                }
                Generate(c.Other, env, k, run);
                return;
            case Let l:
                Generate(l.Body, Evaluator.BindLetFor(l, env), k, run);
                return;
            case ActionExpr a:
                if (a.IsAngle)
                {
                    GenerateThen(a.Action, env, a.Subscript, env, k, Frame.Changed, run);
                    return;
                }
                Generate(a.Action, env, k, run);
                Unchanged(a.Subscript, env, k, run);
                return;
            case Binary b:
                GenerateBinary(b, env, k, run);
                return;
            case Unary u when IsBuiltIn(u, "UNCHANGED"):
                Unchanged(u.Operand, env, k, run);
                return;
            case OpApp app:
                GenerateApp(app, env, k, run);
                return;
        }
        Conjunct(e, env, k, run);
    }

    /// <summary>
    /// A conjunction list: its leading tests are evaluated in place, and continuations are made only for the conjuncts
    /// after them. Most actions start with guards that fail in most states, and a continuation for every conjunct of
    /// every action tried was a fifth of all the memory a search allocated.
    /// </summary>
    private void GenerateConjunction(JunctionList j, Env env, Continuation? k, Run run)
    {
        var items = j.Items;
        // In focus, as Conjunct does: each test passed counts while the conjuncts after it are tried.
        var focus = run.Focus is { Active: > 0 } inside ? inside : null;
        var tests = 0;
        for (; tests < items.Length - 1 && IsTest(items[tests], run); tests++)
        {
            if (!Holds(items[tests], env, run))
            {
                focus?.Passed -= tests;
                return;
            }
            focus?.Passed += 1;
        }
        GenerateFrom(items, tests, env, k, run);
        focus?.Passed -= tests;
    }

    /// <summary>Generates from the conjuncts <paramref name="items"/>[from..], then <paramref name="k"/>.</summary>
    private void GenerateFrom(ImmutableArray<Expr> items, int from, Env env, Continuation? k, Run run)
    {
        var pushed = run.Pushed;
        var rest = k;
        for (var i = items.Length - 1; i >= from; i--)
        {
            rest = run.Push(items[i], env, rest);
        }
        ContinueThenPop(rest, pushed, run);
    }

    /// <summary>Generates from <paramref name="first"/>, then from <paramref name="then"/> as <paramref name="kind"/> says, then <paramref name="k"/>.</summary>
    private void GenerateThen(Expr first, Env env, Expr then, Env thenEnv, Continuation? k, Frame kind, Run run)
    {
        var pushed = run.Pushed;
        ContinueThenPop(run.Push(first, env, run.Push(then, thenEnv, k, kind)), pushed, run);
    }

    /// <summary>Continues with <paramref name="rest"/>, then frees the continuations pushed for it since <paramref name="pushed"/>.</summary>
    private void ContinueThenPop(Continuation? rest, int pushed, Run run)
    {
        try
        {
            Continue(rest, run);
        }
        finally
        {
            run.Pop(pushed);
        }
    }

    /// <summary><c>test /\ then</c> where the left side is a test: as <see cref="Conjunct"/> with no continuation made.</summary>
    private void TestThen(Expr test, Expr then, Env env, Continuation? k, Run run)
    {
        if (!Holds(test, env, run))
        {
            return;
        }
        if (run.Focus is { Active: > 0 } focus)
        {
            focus.Passed++;
            Generate(then, env, k, run);
            focus.Passed--;
            return;
        }
        Generate(then, env, k, run);
    }

    /// <summary>
    /// Whether a test conjunct holds, evaluated as <see cref="Generate"/> would (its errors located at it); in focus, a
    /// failure is remembered, as for any conjunct.
    /// </summary>
    private bool Holds(Expr e, Env env, Run run)
    {
        bool holds;
        try
        {
            holds = Guard(e, env, run);
        }
        catch (ValueException ex)
        {
            throw _eval.Error(e, ex.Message);
        }
        if (!holds)
        {
            run.Focus?.Failed(e, env, run.States, _eval);
        }
        return holds;
    }

    /// <summary>
    /// Whether generating from <paramref name="e"/> (outside the initial predicate) only evaluates it as a condition
    /// (<see cref="Conjunct"/>): it neither splits (disjunctions, <c>\E</c>, IF, CASE), nor assigns, nor walks a
    /// definition's body. Worked out once per node, from what <see cref="GenerateCore"/> would do with it.
    /// </summary>
    private bool IsTest(Expr e, Run run)
    {
        if (run.Init)
        {
            return false;
        }
        var facts = _eval.Spec.Facts(e);
        if (facts.GeneratedAsTest == 0)
        {
            facts.GeneratedAsTest = ClassifyTest(e, facts) ? (sbyte)1 : (sbyte)-1;
        }
        return facts.GeneratedAsTest > 0;
    }

    private bool ClassifyTest(Expr e, NodeFacts facts)
    {
        switch (e)
        {
            case Parens or Labeled or JunctionList or Quantified or IfThenElse or Case or Let or ActionExpr:
                return false;
            case Binary b:
            {
                var step = facts.Generation as GenerationStep ?? StepOf(b, facts);
                return step.Kind switch
                {
                    StepKind.Conjunct => true,
                    // x' = e assigns; so may p = e when the parameter p is bound to x'.
                    StepKind.Equal or StepKind.In => !MayBeAssignmentTarget(b.Left),
                    _ => false,
                };
            }
            case Unary u:
                return !IsBuiltIn(u, "UNCHANGED");
            case OpApp app:
            {
                if (app.Path.Length > 0)
                {
                    return false;
                }
                var step = facts.Generation as AppStep ?? AppStepOf(app, facts);
                // Constants and parameters may be bound to actions (generated from), which only the binding tells.
                return step.Kind == AppStepKind.Conjunct && step.Symbol is not { Kind: SymbolKind.Constant or SymbolKind.Parameter };
            }
            default:
                return true;
        }
    }

    private bool MayBeAssignmentTarget(Expr left) =>
        WithoutParens(left) switch
        {
            Postfix { Operator.Text: "'" } => true,
            OpApp { Path.Length: 0, Arguments.Length: 0 } app => _eval.Spec.Resolve(app) is { Kind: SymbolKind.Parameter },
            _ => false,
        };

    // Apart from GenerateCore: a lambda capturing its parameters would allocate a closure on every call of it.
    private void GenerateExists(Quantified q, Env env, Continuation? k, Run run) =>
        _eval.ForEachBinding(q.Bounds, 0, env, run.States, run.Init, bound => Generate(q.Body, bound, k, run));

    private bool IsBuiltIn(SyntaxNode node, string name) =>
        _eval.Spec.Resolve(node) is { Kind: SymbolKind.BuiltIn } symbol && symbol.Name == name;

    // Out of Guard, which runs for every conjunct: an interpolated message would sit in its frame.
    private EvaluationException NotBoolean(Expr e, Value v) =>
        _eval.Error(e, $"A non-boolean expression ({v}) was used as a condition of an action.");

    private bool Guard(Expr e, Env env, Run run)
    {
        var v = _eval.EvalCore(e, env, run.States, run.Init);
        return v.IsBool ? v.AsBool : throw NotBoolean(e, v);
    }

    /// <summary>A conjunct that only tests: continue when it holds; in focus, remember why it did not.</summary>
    private void Conjunct(Expr e, Env env, Continuation? k, Run run)
    {
        if (!Holds(e, env, run))
        {
            return;
        }
        if (run.Focus is { Active: > 0 } focus)
        {
            focus.Passed++;
            Continue(k, run);
            focus.Passed--;
            return;
        }
        Continue(k, run);
    }

    private void GenerateBinary(Binary b, Env env, Continuation? k, Run run)
    {
        var facts = _eval.Spec.Facts(b);
        var step = facts.Generation as GenerationStep ?? StepOf(b, facts);
        switch (step.Kind)
        {
            case StepKind.And when IsTest(b.Left, run):
                TestThen(b.Left, b.Right, env, k, run);
                return;
            case StepKind.And:
                GenerateThen(b.Left, env, b.Right, env, k, Frame.Action, run);
                return;
            case StepKind.Or:
                Generate(b.Left, env, k, run);
                Generate(b.Right, env, k, run);
                return;
            case StepKind.Implies:
                if (!Guard(b.Left, env, run))
                {
                    Continue(k, run);
                    return;
                }
                Generate(b.Right, env, k, run);
                return;
            case StepKind.Equal when AssignmentTarget(b.Left, env, run) is { } slot:
            {
                var value = _eval.EvalCore(b.Right, env, run.States, run.Init);
                Assign(slot, value, k, run);
                return;
            }
            case StepKind.In when AssignmentTarget(b.Left, env, run) is { } slot:
            {
                var set = _eval.EvalCore(b.Right, env, run.States, run.Init);
                foreach (var element in _eval.Elements(set, b.Right))
                {
                    Assign(slot, element, k, run);
                }
                return;
            }
            case StepKind.Compose when !run.Init:
                Compose(b, env, k, run);
                return;
            case StepKind.Expand:
                Expand(step.Symbol!, b, step.Operands, env, k, run);
                return;
        }
        Conjunct(b, env, k, run);
    }

    /// <summary>How generation treats an infix operator node, worked out once per node.</summary>
    private GenerationStep StepOf(Binary b, NodeFacts facts)
    {
        var symbol = _eval.Spec.Resolve(b);
        var step = symbol switch
        {
            { Kind: SymbolKind.BuiltIn, Name: "/\\" } => new GenerationStep(StepKind.And),
            { Kind: SymbolKind.BuiltIn, Name: "\\/" } => new GenerationStep(StepKind.Or),
            { Kind: SymbolKind.BuiltIn, Name: "=>" } => new GenerationStep(StepKind.Implies),
            { Kind: SymbolKind.BuiltIn, Name: "=" } => new GenerationStep(StepKind.Equal),
            { Kind: SymbolKind.BuiltIn, Name: "\\in" } => new GenerationStep(StepKind.In),
            { Kind: SymbolKind.BuiltIn, Name: "\\cdot" } => new GenerationStep(StepKind.Compose),
            { Kind: SymbolKind.BuiltIn } => new GenerationStep(StepKind.Conjunct),
            { Kind: SymbolKind.Operator, Declaration: OperatorDef } when Expands(symbol) => new GenerationStep(StepKind.Expand, symbol, [b.Left, b.Right]),
            _ => new GenerationStep(StepKind.Conjunct),
        };
        facts.Generation = step;
        return step;
    }

    /// <summary>What generation does with a node (see <see cref="GenerationStep"/>).</summary>
    private enum StepKind
    {
        Conjunct,
        And,
        Or,
        Implies,
        Equal,
        In,
        Compose,
        Expand,
    }

    /// <summary>What generation does with a node, and the definition it expands with its operands, published in one write.</summary>
    private sealed record GenerationStep(StepKind Kind, Symbol? Symbol = null, ImmutableArray<Expr> Operands = default);

    /// <summary>
    /// Whether a use of a user definition is generated from (its body walked for assignments, disjunctions and
    /// witnesses) rather than evaluated. TLC walks every user definition except the constant ones without
    /// parameters, which it evaluates once at start-up; walking matters for the count of generated states, since
    /// each true disjunct and each witness of an <c>\E</c> yields a (possibly duplicate) successor.
    /// </summary>
    private static bool Expands(Symbol symbol) => symbol.Arity > 0 || symbol.Level > Level.Constant;

    private void Assign(int slot, Value value, Continuation? k, Run run)
    {
        if (run.Focus is { } focus && !focus.Admits(slot, value))
        {
            // A value the caller already knows the successor cannot have: no successor down this path.
            return;
        }
        var st = run.States;
        st.Next![slot] = value;
        st.Assigned![slot] = true;
        st.Version++;
        try
        {
            Continue(k, run);
        }
        finally
        {
            st.Assigned[slot] = false;
            st.Version++;
        }
    }

    /// <summary>
    /// <c>A \cdot B</c> as TLC composes actions (its experimental implementation, on with
    /// <c>-Dtlc2.tool.impl.Tool.cdot=true</c>): the steps of A from the current state s to intermediate states t, which
    /// start from s's values of the variables already assigned (TLC's <c>s0.copyWith(s1)</c>); then from each t the
    /// steps of B, completing the next state as it stood before the composition, and the conjuncts after it, which
    /// like B read t as the current state. TLC counts the intermediate states as generated.
    /// </summary>
    private void Compose(Binary b, Env env, Continuation? k, Run run)
    {
        var outer = run.States;
        var intermediates = IntermediateStates(b.Left, env, outer.Current!, outer.Assigned);
        run.Intermediate?.Invoke(intermediates.Count);
        try
        {
            foreach (var t in intermediates)
            {
                run.States = new StatePair { Current = t, Next = (Value[])outer.Next!.Clone(), Assigned = (bool[])outer.Assigned!.Clone() };
                Generate(b.Right, env, k, run);
            }
        }
        finally
        {
            run.States = outer;
        }
    }

    /// <summary>
    /// The states <paramref name="action"/> leads to from <paramref name="current"/> (the first half of
    /// <c>A \cdot B</c>), starting from the current values of the variables in <paramref name="assignedBefore"/>; a
    /// variable the action leaves unassigned keeps its value (in TLC it is undefined, an error if B reads it).
    /// </summary>
    internal List<Value[]> IntermediateStates(Expr action, Env env, Value[] current, bool[]? assignedBefore)
    {
        var next = new Value[current.Length];
        var assigned = assignedBefore is null ? new bool[current.Length] : (bool[])assignedBefore.Clone();
        for (var i = 0; i < next.Length; i++)
        {
            if (assigned[i])
            {
                next[i] = current[i];
            }
        }
        var intermediates = new List<Value[]>();
        var run = new Run
        {
            States = new StatePair { Current = current, Next = next, Assigned = assigned },
            Init = false,
            Partial = true,
            Emit = values =>
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = assigned[i] ? values[i] : current[i];
                }
                intermediates.Add(values);
            },
            Root = action,
        };
        Generate(action, env, null, run);
        return intermediates;
    }

    /// <summary>
    /// The slot of the variable that <paramref name="left"/> would assign: <c>x'</c> in an action, <c>x</c> in Init,
    /// when that variable has no value yet; null when the formula is an ordinary comparison.
    /// </summary>
    private int? AssignmentTarget(Expr left, Env env, Run run)
    {
        (left, env) = Dealias(left, env);
        if (!run.Init)
        {
            // x' = e, also through parameters: Set(q) == q' = e, or Set(new) == new = e called as Set(x').
            if (left is not Postfix { Operator.Text: "'" } prime)
            {
                return null;
            }
            (left, env) = Dealias(prime.Operand, env);
        }
        if (left is not OpApp { Path.Length: 0, Arguments.Length: 0 } app || _eval.Spec.Resolve(app) is not { Kind: SymbolKind.Variable } variable)
        {
            return null;
        }
        return VariableSlot(variable, env) is { } slot && !run.States.Assigned![slot] ? slot : null;
    }

    /// <summary>Follows parameters bound to argument expressions back to the expressions themselves.</summary>
    private (Expr Expression, Env Env) Dealias(Expr e, Env env)
    {
        for (var depth = 0; depth < 64; depth++)
        {
            e = WithoutParens(e);
            if (e is OpApp { Path.Length: 0, Arguments.Length: 0 } app && _eval.Spec.Resolve(app) is { Kind: SymbolKind.Parameter, Declaration: { } declaration }
                && env.Lookup(declaration) is ThunkBinding thunk)
            {
                e = thunk.Expression;
                env = thunk.Env;
                continue;
            }
            break;
        }
        return (e, env);
    }

    /// <summary>
    /// The state slot a variable reference stands for: its own, or, for a variable of an instantiated module, that of
    /// the variable it is substituted by (<c>INSTANCE M WITH mem &lt;- wmem</c>); null when the substitution is an
    /// expression rather than a variable.
    /// </summary>
    private int? VariableSlot(Symbol variable, Env env)
    {
        // Variables are bound only by an instance's substitutions, which live in its base (as in Evaluator.EvalVariable).
        if (ReferenceEquals(env.Base, Env.Empty))
        {
            return _eval.Spec.TryGetSlot(variable, out var own) ? own : null;
        }
        for (var depth = 0; depth < 64; depth++)
        {
            var binding = variable.Declaration is null ? null : env.Lookup(variable.Declaration);
            switch (binding)
            {
                case null:
                    return _eval.Spec.TryGetSlot(variable, out var slot) ? slot : null;
                case ThunkBinding { Expression: var e } thunk when WithoutParens(e) is OpApp { Path.Length: 0, Arguments.Length: 0 } a
                                                                && _eval.Spec.Resolve(a) is { Kind: SymbolKind.Variable } v:
                    variable = v;
                    env = thunk.Env;
                    continue;
                case OperatorBinding { Symbol: { Kind: SymbolKind.Variable } v } op:
                    variable = v;
                    env = op.Env;
                    continue;
                case InstanceVariableBinding own:
                    return own.Slot;
                default:
                    return null;
            }
        }
        return null;
    }


    private void Unchanged(Expr e, Env env, Continuation? k, Run run)
    {
        e = WithoutParens(e);
        switch (e)
        {
            case TupleExpr t when UnchangedVariables(t, env, k, run):
                return;
            case TupleExpr t:
            {
                if (t.Elements.Length == 0)
                {
                    Continue(k, run);
                    return;
                }
                var pushed = run.Pushed;
                var rest = k;
                for (var i = t.Elements.Length - 1; i >= 0; i--)
                {
                    rest = run.Push(t.Elements[i], env, rest, Frame.Unchanged);
                }
                ContinueThenPop(rest, pushed, run);
                return;
            }
            default:
                UnchangedOne(e, env, k, run);
                return;
        }
    }

    /// <summary>
    /// <c>UNCHANGED &lt;&lt;x, y, ...&gt;&gt;</c> of plain variables, all at once: each unassigned one is assigned its
    /// current value and each assigned one compared with it, in order, as the one-by-one walk does, without a
    /// continuation per variable. False (nothing done) when an element is not a variable of the checked spec.
    /// </summary>
    private bool UnchangedVariables(TupleExpr t, Env env, Continuation? k, Run run)
    {
        var elements = t.Elements;
        if (run.Init || elements.Length is 0 or > 64)
        {
            return false;
        }
        Span<int> slots = stackalloc int[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            if (WithoutParens(elements[i]) is not OpApp { Path.Length: 0, Arguments.Length: 0 } app
                || _eval.Spec.Resolve(app) is not { Kind: SymbolKind.Variable } symbol || VariableSlot(symbol, env) is not { } slot)
            {
                return false;
            }
            slots[i] = slot;
        }
        var st = run.States;
        var assigned = 0UL;
        try
        {
            for (var i = 0; i < slots.Length; i++)
            {
                var slot = slots[i];
                var current = st.Current![slot];
                if (st.Assigned![slot])
                {
                    if (!ValueOps.TlcEquals(st.Next![slot], current))
                    {
                        return true;
                    }
                    continue;
                }
                if (run.Focus is { } focus && !focus.Admits(slot, current))
                {
                    return true;
                }
                st.Next![slot] = current;
                st.Assigned[slot] = true;
                st.Version++;
                assigned |= 1UL << i;
            }
            Continue(k, run);
        }
        finally
        {
            if (assigned != 0)
            {
                for (var i = 0; i < slots.Length; i++)
                {
                    if ((assigned & (1UL << i)) != 0)
                    {
                        st.Assigned![slots[i]] = false;
                    }
                }
                st.Version++;
            }
        }
        return true;
    }

    private void UnchangedOne(Expr e, Env env, Continuation? k, Run run)
    {
        e = WithoutParens(e);
        if (e is TupleExpr)
        {
            Unchanged(e, env, k, run);
            return;
        }
        if (e is OpApp { Path.Length: 0, Arguments.Length: 0 } app && _eval.Spec.Resolve(app) is { } symbol)
        {
            if (symbol.Kind == SymbolKind.Variable && VariableSlot(symbol, env) is { } slot)
            {
                var current = run.Init ? throw _eval.Error(e, "UNCHANGED in an initial predicate.") : run.States.Current![slot];
                if (!run.States.Assigned![slot])
                {
                    Assign(slot, current, k, run);
                    return;
                }
                if (ValueOps.TlcEquals(run.States.Next![slot], current))
                {
                    Continue(k, run);
                }
                return;
            }
            if (symbol is { Kind: SymbolKind.Variable, Declaration: { } declaration })
            {
                // A variable of an instance substituted by an expression or by a definition (Stuttering's vars,
                // substituted implicitly by the importer's vars == <<...>>): unchanged of what it stands for.
                switch (env.Lookup(declaration))
                {
                    case ThunkBinding thunk:
                        Unchanged(thunk.Expression, thunk.Env, k, run);
                        return;
                    case OperatorBinding { Symbol: { Kind: SymbolKind.Operator, Origin: null, Declaration: OperatorDef { Parameters.Length: 0 } bound } target, Lambda: null } op
                        when !_eval.Spec.TryGetOverride(target, out _) && !_eval.Spec.TryGetConstant(target, out _):
                        Unchanged(bound.Body, op.Env.Base, k, run);
                        return;
                }
            }
            if (symbol.Kind == SymbolKind.Operator && symbol.Declaration is OperatorDef { Parameters.Length: 0 } def && symbol.Origin is null)
            {
                // UNCHANGED vars, where vars == <<x, y>>: unchanged of the definition's body.
                Unchanged(def.Body, env.Base, k, run);
                return;
            }
        }
        var unchanged = ValueOps.TlcEquals(_eval.EvalCore(e, env, run.States, primed: true), _eval.EvalCore(e, env, run.States, primed: false));
        if (unchanged)
        {
            Continue(k, run);
        }
    }

    private void GenerateApp(OpApp app, Env env, Continuation? k, Run run)
    {
        if (app.Path.Length > 0)
        {
            // I!Op(a): generate from Op's body in the instance, its constants and variables substituted.
            var target = _eval.ResolveInstance(app, env, out var instanceEnv);
            if (target is { Kind: SymbolKind.Operator, Declaration: OperatorDef def } && Expands(target))
            {
                GenerateBody(target, app, def, instanceEnv, app.Arguments, env, k, run);
                return;
            }
        }
        if (app.Path.Length == 0)
        {
            var facts = _eval.Spec.Facts(app);
            var step = facts.Generation as AppStep ?? AppStepOf(app, facts);
            if (step.Symbol is { } symbol)
            {
                // A parameter bound to an action expression: generate from the expression itself.
                if (symbol.Kind is SymbolKind.Parameter && symbol.Declaration is not null && env.Lookup(symbol.Declaration) is ThunkBinding thunk)
                {
                    Generate(thunk.Expression, thunk.Env, k, run);
                    return;
                }
                if (symbol.Kind is SymbolKind.Constant or SymbolKind.Parameter && BoundOperator(symbol, env) is var (bound, boundEnv))
                {
                    // An operator constant substituted by an instance (or a parameter passed an operator) that the model
                    // replaces by an action, as MCNano's CalculateHash <- CalculateHashImpl: generate from the action.
                    Expand(bound, app, app.Arguments, boundEnv, k, run, callerEnv: env);
                    return;
                }
                switch (step.Kind)
                {
                    case AppStepKind.ExpandReplacement:
                        // Replaced by the model (Op <- Def): generate from the replacement, a definition of the root module.
                        Expand(step.Target!, app, app.Arguments, Env.Empty, k, run, callerEnv: env);
                        return;
                    case AppStepKind.ExpandImported:
                        // An action imported by an unnamed INSTANCE: generated from in the instance, its variables substituted.
                        Expand(step.Target!, app, app.Arguments, _eval.ImportEnv(symbol, env), k, run, callerEnv: env);
                        return;
                    case AppStepKind.Expand:
                        Expand(symbol, app, app.Arguments, env, k, run, modelChecked: true);
                        return;
                }
            }
        }
        Conjunct(app, env, k, run);
    }

    /// <summary>What generation does with a reference to a definition, as far as it depends on the symbol alone.</summary>
    private AppStep AppStepOf(OpApp app, NodeFacts facts)
    {
        var symbol = _eval.Spec.Resolve(app);
        AppStep step;
        if (symbol is null)
        {
            step = new AppStep(null, AppStepKind.Conjunct, null);
        }
        else if (_eval.Spec.TryGetOverride(symbol, out var replacement)
            && replacement is { Kind: SymbolKind.Operator, Origin: null } && Expands(replacement))
        {
            step = new AppStep(symbol, AppStepKind.ExpandReplacement, replacement);
        }
        else if (symbol is { Kind: SymbolKind.Operator, Origin: { } origin } && Expands(symbol) && !_eval.Spec.TryGetOverride(symbol, out _))
        {
            step = new AppStep(symbol, AppStepKind.ExpandImported, origin);
        }
        else if (symbol.Kind == SymbolKind.Operator && Expands(symbol) && symbol.Origin is null && !_eval.Spec.TryGetOverride(symbol, out _)
            && !_eval.Spec.TryGetConstant(symbol, out _))
        {
            step = new AppStep(symbol, AppStepKind.Expand, null);
        }
        else
        {
            step = new AppStep(symbol, AppStepKind.Conjunct, null);
        }
        facts.Generation = step;
        return step;
    }

    private enum AppStepKind
    {
        Conjunct,
        ExpandReplacement,
        ExpandImported,
        Expand,
    }

    /// <summary>A reference's symbol, and what generation does with it unless a binding decides (published in one write).</summary>
    private sealed record AppStep(Symbol? Symbol, AppStepKind Kind, Symbol? Target);

    /// <summary>
    /// The definition a constant or parameter stands for when it is bound, through substitutions and model overrides,
    /// to a named operator that is an action-level definition of the root module; null otherwise.
    /// </summary>
    private (Symbol Symbol, Env Env)? BoundOperator(Symbol symbol, Env env)
    {
        // Substitution chains are short; the bound keeps a cycle from looping.
        for (var depth = 0; depth < 16 && symbol.Declaration is not null; depth++)
        {
            if (env.Lookup(symbol.Declaration) is not OperatorBinding { Symbol: { } target, Lambda: null } op)
            {
                return null;
            }
            if (_eval.Spec.TryGetOverride(target, out var replacement))
            {
                return replacement is { Kind: SymbolKind.Operator, Origin: null } && Expands(replacement) ? (replacement, Env.Empty) : null;
            }
            if (target.Kind is SymbolKind.Operator)
            {
                return target.Origin is null && Expands(target) && !_eval.Spec.TryGetConstant(target, out _) ? (target, op.Env) : null;
            }
            if (target.Kind is not (SymbolKind.Constant or SymbolKind.Parameter))
            {
                return null;
            }
            (symbol, env) = (target, op.Env);
        }
        return null;
    }

    /// <summary>Generates from the body of an action-level definition, its arguments passed by name.</summary>
    // modelChecked: the reference's step (AppStepOf) already found that the model neither overrides the symbol nor
    // gives it a value, which spares two lookups on every call of every action.
    private void Expand(Symbol symbol, Expr at, System.Collections.Immutable.ImmutableArray<Expr> arguments, Env env, Continuation? k, Run run, Env? callerEnv = null,
        bool modelChecked = false)
    {
        var (definition, definitionEnv) = Evaluator.DefinitionOf(symbol, env);
        if (definition is not OperatorDef def || (!modelChecked && (_eval.Spec.TryGetOverride(symbol, out _) || _eval.Spec.TryGetConstant(symbol, out _))))
        {
            // Overridden by the model, or not an operator definition: an ordinary guard.
            Conjunct(at, env, k, run);
            return;
        }
        GenerateBody(symbol, at, def, definitionEnv, arguments, callerEnv ?? env, k, run);
    }

    /// <summary>Generates from a definition's body; in focus, enters the action in focus or skips one that cannot reach it.</summary>
    private void GenerateBody(Symbol symbol, Expr at, OperatorDef def, Env definitionEnv, System.Collections.Immutable.ImmutableArray<Expr> arguments, Env callerEnv,
        Continuation? k, Run run)
    {
        var body = def.Body;
        if (run.Focus is { Active: > 0 } inside)
        {
            // A definition used inside the action in focus: remember the use, to report a failure at it.
            inside.Uses.Add((at, callerEnv));
            try
            {
                Generate(body, _eval.BindArguments(def, at, arguments, definitionEnv, callerEnv), k, run);
            }
            finally
            {
                inside.Uses.RemoveAt(inside.Uses.Count - 1);
            }
            return;
        }
        if (run.Focus is not { } focus)
        {
            Generate(body, _eval.BindArguments(def, at, arguments, definitionEnv, callerEnv), k, run);
            return;
        }
        if (!ReferenceEquals(symbol, focus.Target))
        {
            // Checked before binding the arguments: most definitions of the next-state action cannot reach the action.
            if (focus.MayReach(symbol))
            {
                Generate(body, _eval.BindArguments(def, at, arguments, definitionEnv, callerEnv), k, run);
            }
            return;
        }
        var values = new Value[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            values[i] = _eval.EvalCore(arguments[i], callerEnv, run.States, primed: false);
            if (focus.Bound[i] is { } bound && !bound.Equals(values[i]))
            {
                return;
            }
        }
        var saved = focus.Arguments;
        focus.Arguments = values;
        focus.Entered = true;
        focus.Active++;
        try
        {
            Generate(body, _eval.BindArguments(def, at, arguments, definitionEnv, callerEnv), k, run);
        }
        finally
        {
            focus.Active--;
            focus.Arguments = saved;
        }
    }
}
