using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Specula.Tla.Syntax;

/// <summary>
/// The immediate children of a syntax node, in the order its record declares them (names included). Written out per
/// node kind because walking records by reflection costs a short run more than the walk itself: each property read
/// goes through a stub the runtime compiles on the spot, dozens of them before the first state of a trace spec. A
/// node kind missing below is still walked, by reflection, so adding one to <see cref="SyntaxNode"/>'s family only
/// costs speed until it is added here.
/// </summary>
public static class SyntaxChildren
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ByReflection = new();

    /// <summary>Adds the children of <paramref name="node"/> to <paramref name="children"/>.</summary>
    public static void AddTo(SyntaxNode node, List<SyntaxNode> children)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(children);
        switch (node)
        {
            case Name or NumberLiteral or DecimalLiteral or StringLiteral or AtSign or Separator or ErrorExpr or ProofDirective:
                return;
            case Module m:
                Add(children, m.Name);
                AddAll(children, m.Extends);
                AddAll(children, m.Units);
                return;
            case OpDecl d:
                Add(children, d.Name);
                return;
            case VariableDecl v:
                AddAll(children, v.Names);
                return;
            case ConstantDecl c:
                AddAll(children, c.Constants);
                return;
            case RecursiveDecl r:
                AddAll(children, r.Operators);
                return;
            case OperatorDef d:
                Add(children, d.Name);
                AddAll(children, d.Parameters);
                Add(children, d.Body);
                return;
            case FunctionDef f:
                Add(children, f.Name);
                AddAll(children, f.Bounds);
                Add(children, f.Body);
                return;
            case Instance i:
                Add(children, i.Module);
                AddAll(children, i.Substitutions);
                return;
            case Substitution s:
                Add(children, s.Target);
                Add(children, s.Value);
                return;
            case InstanceUnit u:
                Add(children, u.Instance);
                return;
            case ModuleInstanceDef d:
                Add(children, d.Name);
                AddAll(children, d.Parameters);
                Add(children, d.Instance);
                return;
            case Assumption a:
                Add(children, a.Label);
                Add(children, a.Body);
                return;
            case Theorem t:
                Add(children, t.Label);
                Add(children, t.Body);
                return;
            case NestedModule n:
                Add(children, n.Module);
                return;
            case BoundDecl b:
                AddAll(children, b.Names);
                Add(children, b.Set);
                return;
            case PathSegment p:
                Add(children, p.Name);
                AddAll(children, p.Arguments);
                return;
            case OpApp a:
                AddAll(children, a.Path);
                Add(children, a.Name);
                AddAll(children, a.Arguments);
                return;
            case Binary b:
                Add(children, b.Operator);
                Add(children, b.Left);
                Add(children, b.Right);
                return;
            case Unary u:
                Add(children, u.Operator);
                Add(children, u.Operand);
                return;
            case Postfix p:
                Add(children, p.Operator);
                Add(children, p.Operand);
                return;
            case CartesianProduct c:
                AddAll(children, c.Factors);
                return;
            case JunctionList j:
                AddAll(children, j.Items);
                return;
            case Parens p:
                Add(children, p.Inner);
                return;
            case Quantified q:
                AddAll(children, q.Bounds);
                Add(children, q.Body);
                return;
            case TemporalQuantified q:
                AddAll(children, q.Names);
                Add(children, q.Body);
                return;
            case Choose c:
                Add(children, c.Bound);
                Add(children, c.Body);
                return;
            case SetEnumeration s:
                AddAll(children, s.Elements);
                return;
            case SetFilter s:
                Add(children, s.Bound);
                Add(children, s.Predicate);
                return;
            case SetMap s:
                Add(children, s.Element);
                AddAll(children, s.Bounds);
                return;
            case FunctionConstructor f:
                AddAll(children, f.Bounds);
                Add(children, f.Body);
                return;
            case FunctionSet f:
                Add(children, f.Domain);
                Add(children, f.Range);
                return;
            case RecordField f:
                Add(children, f.Name);
                Add(children, f.Value);
                return;
            case RecordConstructor r:
                AddAll(children, r.Fields);
                return;
            case RecordSet r:
                AddAll(children, r.Fields);
                return;
            case FunctionApplication f:
                Add(children, f.Function);
                AddAll(children, f.Arguments);
                return;
            case FieldAccess f:
                Add(children, f.Record);
                Add(children, f.Field);
                return;
            case FieldSelector f:
                Add(children, f.Field);
                return;
            case IndexSelector i:
                AddAll(children, i.Indices);
                return;
            case ExceptUpdate u:
                AddAll(children, u.Path);
                Add(children, u.Value);
                return;
            case Except e:
                Add(children, e.Function);
                AddAll(children, e.Updates);
                return;
            case TupleExpr t:
                AddAll(children, t.Elements);
                return;
            case IfThenElse i:
                Add(children, i.Condition);
                Add(children, i.Then);
                Add(children, i.Else);
                return;
            case CaseArm a:
                Add(children, a.Guard);
                Add(children, a.Value);
                return;
            case Case c:
                AddAll(children, c.Arms);
                Add(children, c.Other);
                return;
            case Let l:
                AddAll(children, l.Definitions);
                Add(children, l.Body);
                return;
            case Lambda l:
                AddAll(children, l.Parameters);
                Add(children, l.Body);
                return;
            case ActionExpr a:
                Add(children, a.Action);
                Add(children, a.Subscript);
                return;
            case Fairness f:
                Add(children, f.Subscript);
                Add(children, f.Action);
                return;
            case Labeled l:
                Add(children, l.Label);
                AddAll(children, l.Parameters);
                Add(children, l.Body);
                return;
            case AssumeProve a:
                AddAll(children, a.Assumptions);
                Add(children, a.Goal);
                return;
            case NewDecl n:
                Add(children, n.Declared);
                Add(children, n.Set);
                return;
            default:
                AddByReflection(node, children);
                return;
        }
    }

    /// <summary>The children of <paramref name="node"/>, found by reading its properties: the meaning of <see cref="AddTo"/>.</summary>
    public static void AddByReflection(SyntaxNode node, List<SyntaxNode> children)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(children);
        // Not GetOrAdd with a lambda: the node's type would lose, through the delegate, the annotation that tells a
        // trimmed build to keep its properties.
        var type = node.GetType();
        if (!ByReflection.TryGetValue(type, out var properties))
        {
            properties = ReadableProperties(type);
            ByReflection.TryAdd(type, properties);
        }
        foreach (var property in properties)
        {
            switch (property.GetValue(node))
            {
                case SyntaxNode child:
                    children.Add(child);
                    break;
                case IEnumerable sequence and not string:
                    try
                    {
                        children.AddRange(sequence.OfType<SyntaxNode>());
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException)
                    {
                        // A default (absent) immutable array: no children there.
                    }
                    break;
            }
        }
    }

    private static void Add(List<SyntaxNode> children, SyntaxNode? child)
    {
        if (child is not null)
        {
            children.Add(child);
        }
    }

    private static void AddAll<T>(List<SyntaxNode> children, ImmutableArray<T> items)
        where T : SyntaxNode
    {
        if (items.IsDefault)
        {
            return;
        }
        foreach (var item in items)
        {
            children.Add(item);
        }
    }

    private static PropertyInfo[] ReadableProperties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.Name != nameof(SyntaxNode.Span))
        .ToArray();
}
