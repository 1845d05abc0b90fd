using Specula.Tla.Diagnostics;

namespace Specula.Tla.Evaluation;

/// <summary>
/// An error in evaluating a TLA+ expression (<c>1 + "a"</c>, CHOOSE with no witness, a function applied outside its
/// domain, ...), with where it happened. Raised inside the engine and turned into a result with the state it
/// happened in by the model checker and the validator; it never reaches users as a crash.
/// </summary>
public sealed class EvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvaluationException(string message, SourceLocation? location)
        : base(message)
    {
        Location = location;
    }

    /// <summary>Creates the exception with no location.</summary>
    public EvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no location, wrapping a cause.</summary>
    public EvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvaluationException()
    {
    }

    /// <summary>The innermost expression being evaluated, when known.</summary>
    public SourceLocation? Location { get; }
}
