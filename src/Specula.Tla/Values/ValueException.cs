namespace Specula.Tla.Values;

/// <summary>The class of an evaluation error raised by the value model, mirroring TLC's run-time errors.</summary>
public enum ValueErrorKind
{
    /// <summary>An unspecified error.</summary>
    Other,

    /// <summary>Equality or ordering between values TLC refuses to compare (<c>1 = "a"</c>, typed model values).</summary>
    Incomparable,

    /// <summary>An operand of the wrong type (<c>Len(1)</c>, <c>x \in 1</c>).</summary>
    TypeMismatch,

    /// <summary>A function applied to an argument outside its domain, or a missing record field.</summary>
    NotInDomain,

    /// <summary>Enumerating an infinite or non-enumerable set.</summary>
    NotEnumerable,

    /// <summary>An integer outside TLC's 32-bit range, or a set too large to count.</summary>
    Overflow,

    /// <summary><c>x \div 0</c>.</summary>
    DivisionByZero,

    /// <summary>An operator argument outside the operator's domain (<c>x % 0</c>, <c>Head(&lt;&lt;&gt;&gt;)</c>).</summary>
    BadArgument,
}

/// <summary>
/// A TLC-style evaluation error raised by value operations. The evaluator catches it and reports it with the
/// source location and state, as TLC does; it never reaches users as a crash.
/// </summary>
public sealed class ValueException : Exception
{
    /// <summary>Creates an error of kind <see cref="ValueErrorKind.Other"/>.</summary>
    public ValueException()
    {
    }

    /// <summary>Creates an error of kind <see cref="ValueErrorKind.Other"/> with TLC's message.</summary>
    /// <param name="message">The message, worded as TLC words it.</param>
    public ValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error of kind <see cref="ValueErrorKind.Other"/> wrapping another.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error of the given kind.</summary>
    /// <param name="kind">The class of error.</param>
    /// <param name="message">The message, worded as TLC words it.</param>
    public ValueException(ValueErrorKind kind, string message)
        : base(message) => ErrorKind = kind;

    /// <summary>The class of error.</summary>
    public ValueErrorKind ErrorKind { get; }
}
