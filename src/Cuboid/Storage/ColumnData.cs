namespace Cuboid.Storage;

/// <summary>
/// One column's values in one chunk. Values below the chunk's row count never change once the
/// chunk is published; a tail chunk may be appended to in place (beyond its published count) by
/// the table that owns it, which is why the arrays may be longer than the chunk.
/// </summary>
internal abstract class ColumnData
{
    public abstract int Capacity { get; }

    /// <summary>True when some value may be null: scans test the mask only then.</summary>
    public abstract bool HasNulls { get; }

    public abstract bool IsNull(int row);

    /// <summary>The value boxed, for previews, members and keys; never in a scan.</summary>
    public abstract object? GetValue(int row);

    /// <summary>A copy with room for <paramref name="capacity"/> rows holding the first <paramref name="count"/>.</summary>
    public abstract ColumnData Grow(int capacity, int count);

    /// <summary>Copies <paramref name="count"/> rows of <paramref name="source"/> (same type and dictionary) from <paramref name="from"/> to row <paramref name="to"/> here.</summary>
    public abstract void CopyRange(ColumnData source, int from, int to, int count);

    /// <summary>A view of the same arrays that also knows whether the rows written in place hold nulls.</summary>
    public abstract ColumnData WithNulls(bool hasNulls);

    /// <summary>The bytes its arrays hold (capacity, not just the rows used; a string column's dictionary is counted apart).</summary>
    public abstract long Bytes { get; }

    /// <summary>
    /// The same values in arrays of <paramref name="count"/> rows, without a null bitmap when none is
    /// null: for a written chunk, which a later append copies (<see cref="Grow"/> makes a bitmap again).
    /// </summary>
    public virtual ColumnData Trimmed(int count) => this;
}

/// <summary>Fixed-size values: numbers, booleans, dates and times. Null rows are set in <see cref="Nulls"/>.</summary>
internal sealed class PrimitiveData<T>(T[] values, ulong[]? nulls, bool hasNulls) : ColumnData where T : unmanaged
{
    public readonly T[] Values = values;
    public readonly ulong[]? Nulls = nulls;
    private readonly bool _hasNulls = hasNulls && nulls is not null;

    public override int Capacity => Values.Length;
    public override bool HasNulls => _hasNulls;
    public override bool IsNull(int row) => _hasNulls && Bits.Get(Nulls!, row);
    public override object? GetValue(int row) => IsNull(row) ? null : Values[row];

    public override ColumnData Grow(int capacity, int count)
    {
        var values = new T[capacity];
        Array.Copy(Values, values, count);
        // Always with a bitmap: a packed chunk's column may have dropped its own, and the rows copied in may hold nulls.
        return new PrimitiveData<T>(values, Nulls is null ? Bits.Create(capacity) : Bits.CopyResized(Nulls, capacity), _hasNulls);
    }

    public override void CopyRange(ColumnData source, int from, int to, int count)
    {
        var s = (PrimitiveData<T>)source;
        Array.Copy(s.Values, from, Values, to, count);
        if (Nulls is null) return;
        for (var i = 0; i < count; i++)
        {
            if (s.IsNull(from + i)) Bits.Set(Nulls, to + i);
            else Bits.Clear(Nulls, to + i);
        }
    }

    public override ColumnData WithNulls(bool hasNulls) => new PrimitiveData<T>(Values, Nulls, _hasNulls || hasNulls);

    public override ColumnData Trimmed(int count)
    {
        if (Values.Length == count && (_hasNulls || Nulls is null)) return this;
        var values = Values.Length == count ? Values : Values[..count];
        return new PrimitiveData<T>(values, _hasNulls ? Bits.CopyResized(Nulls, count) : null, _hasNulls);
    }

    public override long Bytes => (long)Values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + 8L * (Nulls?.Length ?? 0);
}

/// <summary>Dictionary-encoded strings: codes into the column's <see cref="StringDictionary"/>, -1 for null.</summary>
internal sealed class CodedData(int[] codes, StringDictionary dictionary, bool hasNulls) : ColumnData
{
    public const int NullCode = -1;
    public readonly int[] Codes = codes;
    public readonly StringDictionary Dictionary = dictionary;
    private readonly bool _hasNulls = hasNulls;

    public override int Capacity => Codes.Length;
    public override bool HasNulls => _hasNulls;
    public override bool IsNull(int row) => Codes[row] == NullCode;
    public override object? GetValue(int row) => Codes[row] == NullCode ? null : Dictionary[Codes[row]];

    public override ColumnData Grow(int capacity, int count)
    {
        var codes = new int[capacity];
        Array.Copy(Codes, codes, count);
        return new CodedData(codes, Dictionary, _hasNulls);
    }

    public override void CopyRange(ColumnData source, int from, int to, int count) =>
        Array.Copy(((CodedData)source).Codes, from, Codes, to, count);

    public override ColumnData WithNulls(bool hasNulls) => new CodedData(Codes, Dictionary, _hasNulls || hasNulls);

    public override ColumnData Trimmed(int count) => Codes.Length == count ? this : new CodedData(Codes[..count], Dictionary, _hasNulls);

    public override long Bytes => 4L * Codes.Length;
}

/// <summary>Vectors (int, long, float or double arrays), one reference per row; null for a null row.</summary>
internal sealed class ArrayData<T>(T[]?[] values) : ColumnData where T : unmanaged
{
    public readonly T[]?[] Values = values;

    public override int Capacity => Values.Length;
    public override bool HasNulls => true;
    public override bool IsNull(int row) => Values[row] is null;
    public override object? GetValue(int row) => Values[row];

    public override ColumnData Grow(int capacity, int count)
    {
        var values = new T[]?[capacity];
        Array.Copy(Values, values, count);
        return new ArrayData<T>(values);
    }

    public override void CopyRange(ColumnData source, int from, int to, int count) =>
        Array.Copy(((ArrayData<T>)source).Values, from, Values, to, count);

    public override ColumnData WithNulls(bool hasNulls) => this;

    public override long Bytes => 8L * Values.Length + Values.Sum(v => v is null ? 0 : 24L + (long)v.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
}
