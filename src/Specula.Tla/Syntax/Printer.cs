using System.Collections.Immutable;
using System.Text;

namespace Specula.Tla.Syntax;

/// <summary>
/// Prints syntax trees as TLA+ source. Parsing the printed text gives back the same tree (comments aside), so
/// synthesized and repaired specs can be written out and diffed. Bullet lists are laid out so that their column
/// rules hold; parentheses are added only where a tree built by code would otherwise read differently.
/// </summary>
public static class TlaPrinter
{
    /// <summary>Prints a module, including nested modules.</summary>
    public static string Print(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var writer = new SourceWriter();
        writer.Module(module);
        return writer.ToString();
    }

    /// <summary>Prints an expression starting at column 0.</summary>
    public static string Print(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var writer = new SourceWriter();
        writer.Expression(expression);
        return writer.ToString();
    }

    /// <summary>Prints one unit (definition, declaration, ...).</summary>
    public static string Print(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var writer = new SourceWriter();
        writer.Unit(unit);
        return writer.ToString();
    }
}

/// <summary>Writes TLA+ text while tracking the column, which bullet lists need.</summary>
internal sealed class SourceWriter
{
    private const int FlatWidthLimit = 100;

    private readonly StringBuilder _out = new();

    // Where each printed bullet list starts: a token continuing the expression after a list must go left of it.
    private readonly Dictionary<JunctionList, int> _junctionColumns = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<int> _indent = new();
    private int _column;
    private readonly bool _flatOnly;

    public SourceWriter(bool flatOnly = false)
    {
        _flatOnly = flatOnly;
        _indent.Push(0);
    }

    /// <summary>Set when a flat-only writer met something that needs several lines.</summary>
    public bool NeedsLines { get; private set; }

    public override string ToString() => _out.ToString();

    private void Write(string text)
    {
        _out.Append(text);
        var newline = text.LastIndexOf('\n');
        _column = newline < 0 ? _column + text.Length : text.Length - newline - 1;
    }

    private void NewLine(int column)
    {
        if (_flatOnly)
        {
            NeedsLines = true;
            Write(" ");
            return;
        }
        // Trailing spaces before a line break are noise in diffs.
        while (_out.Length > 0 && _out[^1] == ' ')
        {
            _out.Length--;
        }
        _out.Append('\n').Append(' ', column);
        _column = column;
    }

    private void NewLine() => NewLine(_indent.Peek());

    private void WithIndent(int column, Action body)
    {
        _indent.Push(column);
        try
        {
            body();
        }
        finally
        {
            _indent.Pop();
        }
    }

    /// <summary>Prints <paramref name="e"/> flat if it fits on one line, returning the text; null otherwise.</summary>
    private static string? TryFlat(Expr e)
    {
        var flat = new SourceWriter(flatOnly: true);
        flat.Expression(e);
        var text = flat.ToString();
        return flat.NeedsLines || text.Length > FlatWidthLimit ? null : text;
    }

    // ───────────────────────────── Modules and units ─────────────────────────────

    public void Module(Module module)
    {
        var header = $" MODULE {module.Name.Text} ";
        var dashes = new string('-', Math.Max(4, (60 - header.Length) / 2));
        Write(dashes + header + dashes);
        NewLine(0);
        if (module.Extends.Length > 0)
        {
            Write("EXTENDS " + string.Join(", ", module.Extends.Select(n => n.Text)));
            NewLine(0);
        }
        foreach (var unit in module.Units)
        {
            NewLine(0);
            Unit(unit);
            NewLine(0);
        }
        Write(new string('=', dashes.Length * 2 + header.Length));
        NewLine(0);
    }

    public void Unit(Unit unit)
    {
        switch (unit)
        {
            case VariableDecl v:
                Write("VARIABLES " + string.Join(", ", v.Names.Select(n => n.Text)));
                break;
            case ConstantDecl c:
                Write("CONSTANTS " + string.Join(", ", c.Constants.Select(OpDeclText)));
                break;
            case RecursiveDecl r:
                Write("RECURSIVE " + string.Join(", ", r.Operators.Select(OpDeclText)));
                break;
            case OperatorDef d:
                OperatorDefinition(d);
                break;
            case FunctionDef f:
                Write(f.IsLocal ? "LOCAL " : string.Empty);
                Write(f.Name.Text + "[");
                Bounds(f.Bounds);
                Write("] == ");
                Body(f.Body);
                break;
            case InstanceUnit i:
                Write(i.IsLocal ? "LOCAL " : string.Empty);
                Instance(i.Instance);
                break;
            case ModuleInstanceDef m:
                Write(m.IsLocal ? "LOCAL " : string.Empty);
                Write(m.Name.Text);
                if (m.Parameters.Length > 0)
                {
                    Write("(" + string.Join(", ", m.Parameters.Select(OpDeclText)) + ")");
                }
                Write(" == ");
                Instance(m.Instance);
                break;
            case Assumption a:
                Write(a.Kind switch { AssumptionKind.Assume => "ASSUME ", AssumptionKind.Axiom => "AXIOM ", _ => "ASSUMPTION " });
                if (a.Label is not null)
                {
                    Write(a.Label.Text + " == ");
                }
                Body(a.Body);
                break;
            case Theorem t:
                Write(t.Keyword + " ");
                if (t.Label is not null)
                {
                    Write(t.Label.Text + " == ");
                }
                Body(t.Body);
                if (t.Proof is not null)
                {
                    NewLine(2);
                    Write(t.Proof);
                }
                break;
            case ProofDirective p:
                Write(p.Text);
                break;
            case NestedModule n:
                Module(n.Module);
                break;
            case Separator:
                Write(new string('-', 60));
                break;
            default:
                throw new InvalidOperationException($"Unknown unit {unit.GetType().Name}.");
        }
    }

    private void OperatorDefinition(OperatorDef d)
    {
        Write(d.IsLocal ? "LOCAL " : string.Empty);
        switch (d.Fixity)
        {
            case OperatorFixity.Infix:
                Write($"{d.Parameters[0].Name.Text} {d.Name.Text} {d.Parameters[1].Name.Text}");
                break;
            case OperatorFixity.PrefixSymbol:
                Write($"{d.Name.Text} {d.Parameters[0].Name.Text}");
                break;
            case OperatorFixity.Postfix:
                Write($"{d.Parameters[0].Name.Text}{d.Name.Text}");
                break;
            default:
                Write(d.Name.Text);
                if (d.Parameters.Length > 0)
                {
                    Write("(" + string.Join(", ", d.Parameters.Select(OpDeclText)) + ")");
                }
                break;
        }
        Write(" == ");
        Body(d.Body);
    }

    /// <summary>A definition body: on the same line, or on the next lines indented when it is long.</summary>
    private void Body(Expr body)
    {
        WithIndent(Math.Max(_indent.Peek() + 4, 4), () =>
        {
            if (body is not JunctionList && _column > 40 && TryFlat(body) is null)
            {
                NewLine();
            }
            Expression(body);
        });
    }

    private void Instance(Instance instance)
    {
        Write("INSTANCE " + instance.Module.Text);
        if (instance.Substitutions.Length == 0)
        {
            return;
        }
        Write(" WITH ");
        var column = _column;
        WithIndent(column, () =>
        {
            for (var i = 0; i < instance.Substitutions.Length; i++)
            {
                if (i > 0)
                {
                    Write(",");
                    NewLine(column);
                }
                var s = instance.Substitutions[i];
                Write(s.Target.Text + " <- ");
                Expression(s.Value);
            }
        });
    }

    private static string OpDeclText(OpDecl d) => d.Fixity switch
    {
        OperatorFixity.Infix => $"_ {d.Name.Text} _",
        OperatorFixity.PrefixSymbol => $"{d.Name.Text} _",
        OperatorFixity.Postfix => $"_{d.Name.Text}",
        _ => d.Arity == 0 ? d.Name.Text : $"{d.Name.Text}({string.Join(", ", Enumerable.Repeat("_", d.Arity))})",
    };

    // ───────────────────────────── Expressions ─────────────────────────────

    public void Expression(Expr e)
    {
        // A tree too deep for the stack is a bug of whoever built it; fail with an exception, not a crash.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case OpApp app:
                OpApplication(app);
                break;
            case Binary b:
                BinaryExpression(b);
                break;
            case Unary u:
                UnaryExpression(u);
                break;
            case Postfix p:
                Operand(p.Operand, NeedsParensAsPostfixOperand(p.Operand));
                ContinueAfter(p.Operand);
                Write(p.Operator.Text);
                break;
            case CartesianProduct c:
                for (var i = 0; i < c.Factors.Length; i++)
                {
                    if (i > 0)
                    {
                        ContinueAfter(c.Factors[i - 1], space: true);
                        Write("\\X ");
                    }
                    var f = c.Factors[i];
                    Operand(f, f is CartesianProduct || (f is Binary fb && Operators.Infix[fb.Operator.Text].Low <= 13) || (i < c.Factors.Length - 1 && AbsorptionFloor(f) < 10));
                }
                break;
            case JunctionList j:
                Junction(j);
                break;
            case Parens p:
                Write("(");
                WithIndent(_column, () => Expression(p.Inner));
                Write(")");
                break;
            case NumberLiteral n:
                Write(n.Text);
                break;
            case DecimalLiteral d:
                Write(d.Text);
                break;
            case StringLiteral s:
                Write(Quote(s.Value));
                break;
            case AtSign:
                Write("@");
                break;
            case Quantified q:
                Write(q.Kind == Quantifier.Forall ? "\\A " : "\\E ");
                Bounds(q.Bounds);
                Write(" : ");
                Expression(q.Body);
                break;
            case TemporalQuantified tq:
                Write((tq.Kind == Quantifier.Forall ? "\\AA " : "\\EE ") + string.Join(", ", tq.Names.Select(n => n.Text)) + " : ");
                Expression(tq.Body);
                break;
            case Choose c:
                Write("CHOOSE ");
                Bound(c.Bound);
                Write(" : ");
                Expression(c.Body);
                break;
            case SetEnumeration s:
                Write("{");
                List(s.Elements);
                Write("}");
                break;
            case SetFilter f:
                Write("{");
                Bound(f.Bound);
                Write(" : ");
                Expression(f.Predicate);
                Write("}");
                break;
            case SetMap m:
                Write("{");
                Operand(m.Element, m.Element is Binary { Operator.Text: "\\in" });
                Write(" : ");
                Bounds(m.Bounds);
                Write("}");
                break;
            case FunctionConstructor fc:
                Write("[");
                Bounds(fc.Bounds);
                Write(" |-> ");
                Expression(fc.Body);
                Write("]");
                break;
            case FunctionSet fs:
                Write("[");
                Expression(fs.Domain);
                Write(" -> ");
                Expression(fs.Range);
                Write("]");
                break;
            case RecordConstructor rc:
                Fields(rc.Fields, " |-> ");
                break;
            case RecordSet rs:
                Fields(rs.Fields, " : ");
                break;
            case FunctionApplication fa:
                Operand(fa.Function, NeedsParensAsPostfixOperand(fa.Function));
                ContinueAfter(fa.Function);
                Write("[");
                List(fa.Arguments);
                Write("]");
                break;
            case FieldAccess fa:
                Operand(fa.Record, NeedsParensAsPostfixOperand(fa.Record));
                ContinueAfter(fa.Record);
                Write("." + fa.Field.Text);
                break;
            case Except ex:
                ExceptExpression(ex);
                break;
            case TupleExpr t:
                Write("<<");
                List(t.Elements);
                Write(">>");
                break;
            case IfThenElse ite:
                If(ite);
                break;
            case Case c:
                CaseExpression(c);
                break;
            case Let l:
                LetExpression(l);
                break;
            case Lambda l:
                Write("LAMBDA " + string.Join(", ", l.Parameters.Select(p => p.Text)) + " : ");
                Expression(l.Body);
                break;
            case ActionExpr a:
                Write(a.IsAngle ? "<<" : "[");
                WithIndent(_column, () => Expression(a.Action));
                Write(a.IsAngle ? ">>_" : "]_");
                Subscript(a.Subscript);
                break;
            case Fairness f:
                Write(f.IsStrong ? "SF_" : "WF_");
                Subscript(f.Subscript);
                Write("(");
                WithIndent(_column, () => Expression(f.Action));
                Write(")");
                break;
            case Labeled l:
                Write(l.Label.Text);
                if (l.Parameters.Length > 0)
                {
                    Write("(" + string.Join(", ", l.Parameters.Select(p => p.Text)) + ")");
                }
                Write(" :: ");
                Expression(l.Body);
                break;
            case AssumeProve ap:
                Write("ASSUME ");
                WithIndent(_column, () => List(ap.Assumptions));
                NewLine();
                Write("PROVE ");
                Expression(ap.Goal);
                break;
            case NewDecl nd:
                Write("NEW " + (nd.Kind.Length > 0 ? nd.Kind + " " : string.Empty) + OpDeclText(nd.Declared));
                if (nd.Set is not null)
                {
                    Write(" \\in ");
                    Expression(nd.Set);
                }
                break;
            case ErrorExpr:
                Write("?");
                break;
            default:
                throw new InvalidOperationException($"Unknown expression {e.GetType().Name}.");
        }
    }

    private void OpApplication(OpApp app)
    {
        foreach (var segment in app.Path)
        {
            Write(segment.Name.Text);
            if (segment.Arguments.Length > 0)
            {
                Write("(");
                List(segment.Arguments);
                Write(")");
            }
            Write("!");
        }
        Write(app.Name.Text);
        if (app.Arguments.Length > 0)
        {
            Write("(");
            List(app.Arguments);
            Write(")");
        }
    }

    private void BinaryExpression(Binary b)
    {
        var precedence = Operators.Infix.TryGetValue(b.Operator.Text, out var p) ? p : new Precedence(5, 5);
        var leftParens = b.Left switch
        {
            Binary l when Operators.Infix.TryGetValue(l.Operator.Text, out var lp) =>
                !(precedence.High < lp.Low || (l.Operator.Text == b.Operator.Text && precedence.Associativity == Associativity.Left)),
            CartesianProduct => precedence.High >= 10,
            _ => false,
        } || AbsorptionFloor(b.Left) < precedence.Low;
        var rightParens = b.Right switch
        {
            Binary r when Operators.Infix.TryGetValue(r.Operator.Text, out var rp) => rp.Low <= precedence.High,
            CartesianProduct => 10 <= precedence.High,
            _ => false,
        };
        // Ranges read better tight: 1..N.
        var tight = b.Operator.Text == ".." && !EndsWithJunction(b.Left);
        Operand(b.Left, leftParens);
        ContinueAfter(leftParens ? null : b.Left, space: !tight);
        Write(tight ? b.Operator.Text : b.Operator.Text + " ");
        Operand(b.Right, rightParens);
    }

    private void UnaryExpression(Unary u)
    {
        var op = u.Operator.Text;
        var precedence = Operators.Prefix[op];
        var parens = u.Operand is Binary b && Operators.Infix.TryGetValue(b.Operator.Text, out var bp) && bp.Low <= precedence.Low
            || u.Operand is CartesianProduct && precedence.Low >= 10;
        var text = op switch { "-." => "-", "ENABLED" or "UNCHANGED" or "SUBSET" or "UNION" or "DOMAIN" => op + " ", _ => op };
        Write(text);
        if (!parens && op is "-." or "~")
        {
            // "- -x" must not print as "--x" (an infix operator); "~~" likewise reads badly.
            var flat = TryFlat(u.Operand);
            if (flat is not null && (flat.StartsWith('-') || flat.StartsWith('~')))
            {
                Write(" ");
            }
        }
        Operand(u.Operand, parens);
    }

    private void Operand(Expr e, bool parens)
    {
        if (parens)
        {
            Write("(");
            WithIndent(_column, () => Expression(e));
            Write(")");
        }
        else
        {
            Expression(e);
        }
    }

    /// <summary>
    /// Before a token that continues an expression after <paramref name="previous"/>: when that ended in a bullet
    /// list, the token must go on a new line left of the list, or the parser would read it into the last item.
    /// </summary>
    private void ContinueAfter(Expr? previous, bool space = false)
    {
        if (previous is not null && TrailingJunction(previous) is { } junction)
        {
            // Left of the list's bullets (so the list ends) but right of any enclosing bullet (items start 3 further).
            NewLine(_junctionColumns.TryGetValue(junction, out var column) ? Math.Max(0, column - 1) : _indent.Peek());
            return;
        }
        if (space)
        {
            Write(" ");
        }
    }

    private static bool EndsWithJunction(Expr e) => TrailingJunction(e) is not null;

    /// <summary>The outermost bullet list that ends <paramref name="e"/>'s text, if one does.</summary>
    private static JunctionList? TrailingJunction(Expr e) => e switch
    {
        JunctionList j => j,
        Binary b => TrailingJunction(b.Right),
        Unary u => TrailingJunction(u.Operand),
        CartesianProduct c => TrailingJunction(c.Factors[^1]),
        Quantified q => TrailingJunction(q.Body),
        TemporalQuantified q => TrailingJunction(q.Body),
        Choose c => TrailingJunction(c.Body),
        IfThenElse i => TrailingJunction(i.Else),
        Case c => c.Other is not null ? TrailingJunction(c.Other) : c.Arms.Length > 0 ? TrailingJunction(c.Arms[^1].Value) : null,
        Let l => TrailingJunction(l.Body),
        Lambda l => TrailingJunction(l.Body),
        Labeled l => TrailingJunction(l.Body),
        AssumeProve a => TrailingJunction(a.Goal),
        _ => null,
    };

    /// <summary>
    /// The precedence an infix operator must exceed to be read into the right edge of <paramref name="e"/> if it
    /// followed: 0 for constructs that extend as far right as they can (quantifiers, IF, LET, ...), the precedence
    /// of a prefix operator whose operand ends the expression, and int.MaxValue for closed forms. A bullet list
    /// counts as closed: <see cref="ContinueAfter"/> puts what follows it left of its bullets.
    /// </summary>
    private static int AbsorptionFloor(Expr e) => e switch
    {
        Quantified or TemporalQuantified or Choose or IfThenElse or Case or Let or Lambda or Labeled or AssumeProve => 0,
        Binary b => Math.Min(AbsorptionFloor(b.Right), Operators.Infix.TryGetValue(b.Operator.Text, out var p) ? p.High : 0),
        Unary u => Math.Min(AbsorptionFloor(u.Operand), Operators.Prefix[u.Operator.Text].Low),
        CartesianProduct c => Math.Min(AbsorptionFloor(c.Factors[^1]), 13),
        _ => int.MaxValue,
    };


    private static bool NeedsParensAsPostfixOperand(Expr e) =>
        e is Binary or Unary or CartesianProduct or Quantified or TemporalQuantified or Choose or IfThenElse or Case or Let
            or Lambda or Labeled or NumberLiteral { Value.Sign: < 0 };

    private void Junction(JunctionList j)
    {
        var column = _column;
        _junctionColumns[j] = column;
        var bullet = j.IsConjunction ? "/\\ " : "\\/ ";
        for (var i = 0; i < j.Items.Length; i++)
        {
            if (i > 0)
            {
                NewLine(column);
            }
            Write(bullet);
            WithIndent(column + 3, () => Expression(j.Items[i]));
        }
    }

    private void List(ImmutableArray<Expr> items)
    {
        var column = _column;
        WithIndent(Math.Max(column, _indent.Peek()), () =>
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    Write(", ");
                }
                Expression(items[i]);
            }
        });
    }

    private void Bounds(ImmutableArray<BoundDecl> bounds)
    {
        for (var i = 0; i < bounds.Length; i++)
        {
            if (i > 0)
            {
                Write(", ");
            }
            Bound(bounds[i]);
        }
    }

    private void Bound(BoundDecl b)
    {
        var names = string.Join(", ", b.Names.Select(n => n.Text));
        Write(b.IsTuple ? $"<<{names}>>" : names);
        if (b.Set is not null)
        {
            Write(" \\in ");
            Expression(b.Set);
        }
    }

    private void Fields(ImmutableArray<RecordField> fields, string separator)
    {
        Write("[");
        var column = _column;
        WithIndent(column, () =>
        {
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    Write(", ");
                }
                Write(fields[i].Name.Text + separator);
                Expression(fields[i].Value);
            }
        });
        Write("]");
    }

    private void ExceptExpression(Except ex)
    {
        Write("[");
        var column = _column;
        WithIndent(column, () =>
        {
            Expression(ex.Function);
            Write(" EXCEPT ");
            for (var i = 0; i < ex.Updates.Length; i++)
            {
                if (i > 0)
                {
                    Write(", ");
                }
                Write("!");
                foreach (var selector in ex.Updates[i].Path)
                {
                    if (selector is FieldSelector f)
                    {
                        Write("." + f.Field.Text);
                    }
                    else if (selector is IndexSelector s)
                    {
                        Write("[");
                        List(s.Indices);
                        Write("]");
                    }
                }
                Write(" = ");
                Expression(ex.Updates[i].Value);
            }
        });
        Write("]");
    }

    private void Subscript(Expr subscript)
    {
        if (subscript is OpApp { Arguments.Length: 0 } or TupleExpr or Parens)
        {
            Expression(subscript);
        }
        else
        {
            Operand(subscript, parens: true);
        }
    }

    private void If(IfThenElse ite)
    {
        var column = _column;
        if (_flatOnly)
        {
            Write("IF ");
            Expression(ite.Condition);
            Write(" THEN ");
            Expression(ite.Then);
            Write(" ELSE ");
            Expression(ite.Else);
            return;
        }
        var flat = TryFlat(ite);
        if (flat is not null && column + flat.Length <= FlatWidthLimit)
        {
            Write(flat);
            return;
        }
        Write("IF ");
        WithIndent(column + 3, () => Expression(ite.Condition));
        NewLine(column + 3);
        Write("THEN ");
        WithIndent(column + 8, () => Expression(ite.Then));
        NewLine(column + 3);
        Write("ELSE ");
        WithIndent(column + 8, () => Expression(ite.Else));
    }

    private void CaseExpression(Case c)
    {
        var column = _column;
        Write("CASE ");
        for (var i = 0; i < c.Arms.Length; i++)
        {
            if (i > 0)
            {
                NewLine(column + 2);
                Write("[] ");
            }
            var armColumn = _column;
            WithIndent(armColumn, () =>
            {
                Expression(c.Arms[i].Guard);
                Write(" -> ");
                WithIndent(_column, () => Expression(c.Arms[i].Value));
            });
        }
        if (c.Other is not null)
        {
            if (c.Arms.Length > 0)
            {
                NewLine(column + 2);
                Write("[] ");
            }
            Write("OTHER -> ");
            WithIndent(_column, () => Expression(c.Other));
        }
    }

    private void LetExpression(Let l)
    {
        var column = _column;
        Write("LET ");
        WithIndent(column + 4, () =>
        {
            for (var i = 0; i < l.Definitions.Length; i++)
            {
                if (i > 0)
                {
                    NewLine(column + 4);
                }
                Unit(l.Definitions[i]);
            }
        });
        NewLine(column);
        Write("IN  ");
        WithIndent(column + 4, () => Expression(l.Body));
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder();
        SyntaxExtensions.AppendStringLiteral(builder, value);
        return builder.ToString();
    }
}
