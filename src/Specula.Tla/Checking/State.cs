using System.Collections.Immutable;
using Specula.Tla.Values;

namespace Specula.Tla.Checking;

/// <summary>
/// One state: the values of the spec's variables in declaration order. Immutable; its fingerprint (of all
/// variables, in order) is computed once.
/// </summary>
public sealed class State : IEquatable<State>
{
    private readonly Value[] _values;

    /// <summary>Creates a state from the variables' values, in declaration order.</summary>
    public State(ReadOnlySpan<Value> values)
    {
        _values = values.ToArray();
        Fingerprint = FingerprintOf(_values);
    }

    private State(Value[] values, bool owned)
    {
        _ = owned;
        _values = values;
        Fingerprint = FingerprintOf(_values);
    }

    /// <summary>Takes ownership of <paramref name="values"/> without copying; the caller must not change it afterwards.</summary>
    internal static State Own(Value[] values) => new(values, owned: true);

    /// <summary>The variables' values in declaration order.</summary>
    public ReadOnlySpan<Value> Values => _values;

    /// <summary>Number of variables.</summary>
    public int Count => _values.Length;

    /// <summary>The value of variable <paramref name="index"/>.</summary>
    public Value this[int index] => _values[index];

    /// <summary>A 64-bit fingerprint of all variables, in order; stable across runs and platforms.</summary>
    public ulong Fingerprint { get; }

    /// <summary>Combines value fingerprints in order, as a state (or a VIEW tuple) is fingerprinted.</summary>
    public static ulong FingerprintOf(ReadOnlySpan<Value> values) => ValueOps.Fingerprint(values);

    /// <inheritdoc/>
    public bool Equals(State? other)
    {
        if (other is null || other.Fingerprint != Fingerprint || other._values.Length != _values.Length)
        {
            return false;
        }
        for (var i = 0; i < _values.Length; i++)
        {
            if (!_values[i].Equals(other._values[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is State s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)Fingerprint;

    /// <summary>The values as an immutable array.</summary>
    public ImmutableArray<Value> ToImmutableArray() => [.. _values];

    /// <summary>
    /// The state as TLC prints one, a line per variable: <c>/\ x = 1</c>; a lone variable is printed bare (<c>x = 1</c>),
    /// as TLC does.
    /// </summary>
    /// <param name="variables">The variables' names, in slot order.</param>
    public string ToTla(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var prefix = variables.Count == 1 ? string.Empty : "/\\ ";
        return string.Join('\n', variables.Select((name, i) => $"{prefix}{name} = {_values[i]}"));
    }
}
