namespace Specula.Tla.Values;

/// <summary>
/// The field names of a record constructor such as <c>[type |-&gt; "req", src |-&gt; p]</c>, sorted once, so that
/// evaluating the constructor only allocates the values: every record built from a shape shares its key array.
/// </summary>
public sealed class RecordShape
{
    private readonly Value[] _sortedKeys;
    private readonly int[] _sortedPositionOf;

    /// <summary>Creates the shape of a record with the given fields, in source order.</summary>
    /// <param name="fields">Distinct field names as written.</param>
    public RecordShape(params ReadOnlySpan<TlaString> fields)
    {
        var keys = new Value[fields.Length];
        var order = new int[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            keys[i] = Value.String(fields[i]);
            order[i] = i;
        }

        var sortedKeys = (Value[])keys.Clone();
        sortedKeys.AsSpan().Sort(order.AsSpan(), ValueOps.TlcComparer);
        for (var i = 1; i < sortedKeys.Length; i++)
        {
            if (sortedKeys[i].Bits == sortedKeys[i - 1].Bits)
            {
                throw new ArgumentException($"Field name {sortedKeys[i].AsString.Text} occurs multiple times in record.", nameof(fields));
            }
        }

        _sortedKeys = sortedKeys;
        _sortedPositionOf = new int[fields.Length];
        for (var i = 0; i < order.Length; i++)
        {
            _sortedPositionOf[order[i]] = i;
        }

        Fields = fields.ToArray();
    }

    /// <summary>The field names in source order.</summary>
    public IReadOnlyList<TlaString> Fields { get; }

    /// <summary>The number of fields.</summary>
    public int Count => _sortedKeys.Length;

    /// <summary>The record with the given field values.</summary>
    /// <param name="valuesInSourceOrder">One value per field, in the order of <see cref="Fields"/>.</param>
    /// <returns>The record in normal form.</returns>
    public FunctionValue Create(ReadOnlySpan<Value> valuesInSourceOrder)
    {
        if (valuesInSourceOrder.Length != _sortedKeys.Length)
        {
            throw new ArgumentException("One value per field is required.", nameof(valuesInSourceOrder));
        }

        var values = new Value[valuesInSourceOrder.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[_sortedPositionOf[i]] = valuesInSourceOrder[i];
        }

        return FunctionValue.FromSortedOwned(_sortedKeys, values);
    }

    /// <summary>The set of records <c>[f1 : S1, ...]</c> with this shape.</summary>
    /// <param name="setsInSourceOrder">One set per field, in the order of <see cref="Fields"/>.</param>
    /// <returns>The lazy record set.</returns>
    public RecordSetValue CreateSet(ReadOnlySpan<Value> setsInSourceOrder)
    {
        if (setsInSourceOrder.Length != _sortedKeys.Length)
        {
            throw new ArgumentException("One set per field is required.", nameof(setsInSourceOrder));
        }

        var fields = new (TlaString, Value)[setsInSourceOrder.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = (Fields[i], setsInSourceOrder[i]);
        }

        return new RecordSetValue(fields);
    }
}
