using Specula.Tla.Semantics;
using Specula.Tla.Values;

namespace Specula.Tla.Evaluation.Compilation;

/// <summary>
/// Standard operators applied to their operands' values, for the compiler to call directly instead of going through
/// <see cref="Evaluator.EvalStandard"/>'s switches on the operator's name and module on every application. Each is
/// the very call that switch makes, so values and errors are the same; an operator that is not here, or an
/// integer operation whose operands are not both 64-bit (or whose result or error the evaluator words), is left to
/// <see cref="Evaluator.EvalStandard"/>.
/// </summary>
internal static class StandardOperations
{
    /// <summary>The operation of a one-operand operator, or null.</summary>
    public static Func<Value, Value>? Unary(Symbol symbol) => symbol.Name switch
    {
        // The names EvalStandard matches before it looks at the module.
        "SUBSET" => static a => Value.Of(new SubsetValue(a)),
        "UNION" => static a => ValueOps.BigUnion(a),
        _ when IsNamedOnly(symbol.Name) => null,
        "Len" when symbol.ModuleName == "Sequences" => static a => Value.Int(ValueOps.Len(a)),
        "Head" when symbol.ModuleName == "Sequences" => static a => ValueOps.Head(a),
        "Tail" when symbol.ModuleName == "Sequences" => static a => ValueOps.Tail(a),
        "Cardinality" when symbol.ModuleName == "FiniteSets" => static a => Value.Int(ValueOps.Cardinality(a)),
        _ => null,
    };

    /// <summary>The operation of a two-operand operator, or null.</summary>
    public static Func<Value, Value, Value>? Binary(Symbol symbol) => symbol.Name switch
    {
        "\\cap" => static (a, b) => ValueOps.Intersect(a, b),
        "\\" => static (a, b) => ValueOps.Difference(a, b),
        "\\subseteq" => static (a, b) => Value.Bool(ValueOps.IsSubset(a, b)),
        _ when IsNamedOnly(symbol.Name) => null,
        "Append" when symbol.ModuleName == "Sequences" => static (a, b) => ValueOps.Append(a, b),
        _ => null,
    };

    /// <summary>
    /// The integer operation of a Naturals or Integers operator on 64-bit operands: false when the operands are not
    /// such integers, the result needs arbitrary precision, or the evaluator reports an error.
    /// </summary>
    public static IntegerOperation? Integer(Symbol symbol) => symbol.ModuleName is "Naturals" or "Integers" && !IsNamedOnly(symbol.Name)
        ? symbol.Name switch
        {
            "*" => static (long l, long r, out Value result) =>
            {
                var p = Math.BigMul(l, r, out var low);
                result = Value.Int(low);
                return (p == 0 && low >= 0) || (p == -1 && low < 0);
            },
            ".." => static (long l, long r, out Value result) =>
            {
                result = ValueOps.Interval(l, r);
                return true;
            },
            "%" => static (long l, long r, out Value result) =>
            {
                result = r > 0 ? Value.Int(((l % r) + r) % r) : default;
                return r > 0;
            },
            "\\div" => static (long l, long r, out Value result) =>
            {
                // Floor division, as TLC computes it (C# truncates toward zero).
                result = r != 0 ? Value.Int((l / r) - (((l % r) != 0 && ((l < 0) != (r < 0))) ? 1 : 0)) : default;
                return r != 0;
            },
            _ => null,
        }
        : null;

    /// <summary>Names EvalStandard's first switch takes whatever the operator's module: never another module's operator.</summary>
    private static bool IsNamedOnly(string name) => name is "TRUE" or "FALSE" or "/\\" or "\\/" or "=>" or "<=>" or "~" or "=" or "/="
        or "BOOLEAN" or "STRING" or "\\in" or "\\notin" or "\\cup" or "\\cap" or "\\" or "\\subseteq" or "SUBSET" or "UNION" or "DOMAIN"
        or "'" or "UNCHANGED" or "ENABLED" or "[]" or "<>" or "~>" or "-+->" or "\\cdot";
}

/// <summary>An integer operation on 64-bit operands; false when it is left to the evaluator.</summary>
internal delegate bool IntegerOperation(long left, long right, out Value result);
