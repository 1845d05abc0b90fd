namespace Specula.Sandboxes;

/// <summary>An expected failure of a sandbox operation: a stable code, what happened, and how to fix it.</summary>
/// <param name="Code">Stable code users can search for, e.g. <c>SBX001</c>.</param>
/// <param name="Message">One sentence saying what failed.</param>
/// <param name="Hint">What to do about it, when known.</param>
public sealed record SandboxError(string Code, string Message, string? Hint = null)
{
    /// <inheritdoc />
    public override string ToString() => Hint is null ? $"{Code}: {Message}" : $"{Code}: {Message}{Environment.NewLine}  hint: {Hint}";
}

/// <summary>Stable codes of sandbox errors.</summary>
public static class SandboxErrorCodes
{
    /// <summary>No Docker daemon answers at the configured endpoint.</summary>
    public const string DaemonUnreachable = "SBX001";

    /// <summary>An image could not be built or imported.</summary>
    public const string ImageBuildFailed = "SBX002";

    /// <summary>An input an image recipe needs (e.g. the busybox-static binary) is missing on this machine.</summary>
    public const string ImageInputMissing = "SBX003";

    /// <summary>The daemon refused to create, start or inspect a container.</summary>
    public const string ContainerFailed = "SBX004";

    /// <summary>Files could not be copied out of a container's output folder.</summary>
    public const string CopyOutFailed = "SBX005";

    /// <summary>A local process could not be started.</summary>
    public const string ProcessFailed = "SBX006";

    /// <summary>The run specification is invalid.</summary>
    public const string InvalidSpec = "SBX007";
}

// Factories on the result type itself read best at call sites (SandboxResult<T>.Ok), as with Polly's Outcome<T>.
#pragma warning disable CA1000
/// <summary>Either a value or a <see cref="SandboxError"/>.</summary>
/// <typeparam name="T">The type of the value.</typeparam>
public readonly struct SandboxResult<T> : IEquatable<SandboxResult<T>>
{
    private readonly T? _value;

    private SandboxResult(T? value, SandboxError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, or null when the operation succeeded.</summary>
    public SandboxError? Error { get; }

    /// <summary>True when there is a value.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws when the result is an error (a bug in the caller).</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error}");

    /// <summary>A successful result.</summary>
    public static SandboxResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static SandboxResult<T> Fail(SandboxError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>A failed result.</summary>
    public static SandboxResult<T> Fail(string code, string message, string? hint = null) => Fail(new SandboxError(code, message, hint));

    /// <summary>Converts a value into a successful result.</summary>
    public static implicit operator SandboxResult<T>(T value) => Ok(value);

    /// <summary>Converts an error into a failed result.</summary>
    public static implicit operator SandboxResult<T>(SandboxError error) => Fail(error);

    /// <summary>Converts a value into a successful result.</summary>
    public static SandboxResult<T> FromT(T value) => Ok(value);

    /// <summary>Converts an error into a failed result.</summary>
    public static SandboxResult<T> FromSandboxError(SandboxError error) => Fail(error);

    /// <inheritdoc />
    public bool Equals(SandboxResult<T> other) => EqualityComparer<T?>.Default.Equals(_value, other._value) && Equals(Error, other.Error);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SandboxResult<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_value, Error);

    /// <summary>Equality.</summary>
    public static bool operator ==(SandboxResult<T> left, SandboxResult<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(SandboxResult<T> left, SandboxResult<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => Error is null ? $"Ok({_value})" : Error.ToString();
}
#pragma warning restore CA1000
