using System.Buffers;
using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// Collects one column's values for a batch of new rows, typed and unboxed, and hands them to
/// storage as a <see cref="ColumnData"/> whose arrays become a chunk's arrays without a copy.
/// A null becomes the column's default value here, as Atoti does on load.
/// </summary>
internal abstract class ColumnBuilder(ColumnSchema schema)
{
    public ColumnSchema Schema { get; } = schema;
    public int Count { get; protected set; }

    public static ColumnBuilder Create(ColumnSchema schema, int capacity) => schema.Type switch
    {
        DataType.Boolean => new PrimitiveBuilder<bool>(schema, capacity),
        DataType.Int => new PrimitiveBuilder<int>(schema, capacity),
        DataType.Long => new PrimitiveBuilder<long>(schema, capacity),
        DataType.Float => new PrimitiveBuilder<float>(schema, capacity),
        DataType.Double => new PrimitiveBuilder<double>(schema, capacity),
        DataType.LocalDate => new PrimitiveBuilder<DateOnly>(schema, capacity),
        DataType.LocalDateTime => new PrimitiveBuilder<DateTime>(schema, capacity),
        DataType.LocalTime => new PrimitiveBuilder<TimeOnly>(schema, capacity),
        DataType.ZonedDateTime => new PrimitiveBuilder<DateTimeOffset>(schema, capacity),
        DataType.String => new StringColumnBuilder(schema, capacity),
        DataType.IntArray => new ArrayBuilder<int>(schema, capacity),
        DataType.LongArray => new ArrayBuilder<long>(schema, capacity),
        DataType.FloatArray => new ArrayBuilder<float>(schema, capacity),
        DataType.DoubleArray => new ArrayBuilder<double>(schema, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(schema)),
    };

    public abstract void AddNull();

    /// <summary>Adds a value given as an object (records, Append); false when it is not of the column's type.</summary>
    public abstract bool TryAdd(object? value);

    /// <summary>
    /// Adds a value given as an object; a null key, or a value the column cannot take, adds a null
    /// in its place (the caller drops the row) and returns why.
    /// </summary>
    public string? AddChecked(object? value, bool isKey)
    {
        if (value is null && isKey)
        {
            AddNull();
            return NullKey;
        }
        if (TryAdd(value)) return null;
        AddNull();
        return $"{ValueConversion.Describe(value)} is not a valid {Schema.Type}";
    }

    /// <summary>Why a row whose key is null is rejected.</summary>
    public string NullKey => $"the key column '{Schema.Name}' is null";

    /// <summary>Parses text (CSV and other text sources); false when it does not parse as the column's type.</summary>
    public abstract bool TryAddText(ReadOnlySpan<char> text, TextParser parser);

    /// <summary>Keeps only the rows whose <paramref name="keep"/> flag is set (rejected rows leave).</summary>
    public abstract void Compact(ReadOnlySpan<bool> keep);

    /// <summary>Drops rows from <paramref name="count"/> on (a row rejected half way).</summary>
    public abstract void Truncate(int count);

    public abstract ColumnData Build();

    /// <summary>Whether the batch is packed as it is filled: a columnar source's whole range goes straight from its buffer into packed arrays.</summary>
    public bool PackOnFill { get; set; }

    /// <summary>Packs a complete batch's values where that saves memory (numbers and dates; strings wait for their column codes at commit).</summary>
    public virtual void Pack()
    {
    }

    /// <summary>Value arrays of at least this many rows are rented rather than allocated.</summary>
    protected const int MinRented = 4096;
}

/// <summary>A builder that takes values of <typeparamref name="T"/> without boxing.</summary>
internal interface ITypedAdd<in T>
{
    void Add(T value);
}

internal sealed class PrimitiveBuilder<T> : ColumnBuilder, ITypedAdd<T>, ITypedAdd<T?> where T : unmanaged
{
    private readonly T _default;
    private readonly bool _nullable;
    private T[] _values;
    private ulong[]? _nulls;
    private bool _hasNulls;

    private PackedData? _packed;
    private bool _rented;   // _values came from the pool (and goes back once packed)

    public PrimitiveBuilder(ColumnSchema schema, int capacity) : base(schema)
    {
        // Rented: a batch that its worker packs gives the array back for the next batch (see Pack).
        _rented = capacity >= MinRented;
        _values = _rented ? ArrayPool<T>.Shared.Rent(capacity) : new T[Math.Max(capacity, 4)];
        _nullable = schema.Nullable;
        if (_nullable) _nulls = Bits.Create(_values.Length);
        else _default = (T)ValueConversion.ToColumnType(schema.DefaultValue, schema.Type)!;
    }

    public void Add(T value)
    {
        if (_packed is not null) Unpack();
        if (Count == _values.Length) GrowTo(Count * 2);
        _values[Count++] = value;
    }

    /// <summary>The values added so far (a null row holds the default).</summary>
    public ReadOnlySpan<T> Values => _values.AsSpan(0, Count);

    /// <summary>
    /// Adds values that need no conversion in one block copy (Arrow buffers, decoded Parquet pages);
    /// the first range of a batch that packs on fill (<see cref="ColumnBuilder.PackOnFill"/>) is
    /// packed straight from the source's buffer instead, without the copy.
    /// </summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        if (Count == 0 && PackOnFill && !values.IsEmpty && PackedData.TryPack(values, Schema) is { } packed)
        {
            _packed = packed;
            Count = values.Length;
            ReturnValues();
            return;
        }
        if (_packed is not null) Unpack();
        if (Count + values.Length > _values.Length) GrowTo(Math.Max(Count + values.Length, Count * 2));
        values.CopyTo(_values.AsSpan(Count));
        Count += values.Length;
    }

    public void Add(T? value)
    {
        if (value.HasValue) Add(value.GetValueOrDefault());
        else AddNull();
    }

    public override void AddNull()
    {
        if (_packed is not null) Unpack();
        if (!_nullable)
        {
            Add(_default);
            return;
        }
        if (Count == _values.Length) GrowTo(Count * 2);
        _values[Count] = default;
        Bits.Set(_nulls!, Count++);
        _hasNulls = true;
    }

    public override bool TryAdd(object? value)
    {
        if (value is null) { AddNull(); return true; }
        if (value is T t) { Add(t); return true; }
        if (!ValueConversion.TryConvert(value, Schema.Type, out var converted)) return false;
        Add((T)converted!);
        return true;
    }

    public override bool TryAddText(ReadOnlySpan<char> text, TextParser parser)
    {
        if (text.IsEmpty || parser.IsNullText(text)) { AddNull(); return true; }
        if (!parser.TryParse(text, out T value)) return false;
        Add(value);
        return true;
    }

    public override void Compact(ReadOnlySpan<bool> keep)
    {
        if (_packed is not null) Unpack();
        var n = 0;
        var anyNull = false;   // the rejected rows may have held the only nulls (a null key)
        for (var i = 0; i < Count; i++)
        {
            if (!keep[i]) continue;
            _values[n] = _values[i];
            if (_nulls is not null)
            {
                var isNull = Bits.Get(_nulls, i);
                if (isNull) Bits.Set(_nulls, n);
                else Bits.Clear(_nulls, n);
                anyNull |= isNull;
            }
            n++;
        }
        Truncate(n);
        _hasNulls = anyNull;
    }

    public override void Truncate(int count)
    {
        if (_packed is not null) Unpack();
        for (var i = count; i < Count && _nulls is not null; i++) Bits.Clear(_nulls, i);
        Count = count;
    }

    /// <summary>The values once packed (<see cref="Pack"/>), which <see cref="Values"/> then no longer holds.</summary>
    public PackedData? Packed => _packed;

    public override ColumnData Build() => _packed ?? (ColumnData)new PrimitiveData<T>(_values, _nulls, _hasNulls);

    /// <summary>
    /// Packs the values (<see cref="PackedData"/>) once the batch is complete, in the worker that
    /// filled it, while they are still in its cache; the array then goes back to the pool. Nothing
    /// is added after this.
    /// </summary>
    public override void Pack()
    {
        if (_hasNulls || Count == 0 || _packed is not null || PackedData.TryPack<T>(Values, Schema) is not { } packed) return;
        _packed = packed;
        ReturnValues();
    }

    private void ReturnValues()
    {
        if (_rented) ArrayPool<T>.Shared.Return(_values);
        (_values, _rented) = ([], false);
    }

    /// <summary>Plain values again, for a packed batch that changes after all (a rejected row compacted out).</summary>
    private void Unpack()
    {
        var plain = (PrimitiveData<T>)_packed!.Unpacked(Math.Max(Count, 4));
        _packed = null;
        _values = plain.Values;
        if (_nulls is not null && _nulls.Length * 64 < _values.Length) _nulls = Bits.CopyResized(_nulls, _values.Length);
    }

    private void GrowTo(int capacity)
    {
        Array.Resize(ref _values, capacity);
        _rented = false;   // a new array; the rented one is left to the collector
        if (_nulls is not null) _nulls = Bits.CopyResized(_nulls, capacity);
    }
}

/// <summary>
/// Strings are coded against a dictionary local to the batch (so parallel parsers never share a
/// lock); the table re-codes the distinct values into the column dictionary at commit.
/// Repeated values are looked up by span and never allocated twice.
/// </summary>
internal sealed class StringColumnBuilder : ColumnBuilder, ITypedAdd<string?>
{
    private readonly Dictionary<string, int> _local = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];
    private readonly string? _default;
    private int[] _codes;
    private bool _hasNulls;

    public StringColumnBuilder(ColumnSchema schema, int capacity) : base(schema)
    {
        _codes = new int[Math.Max(capacity, 4)];
        _lookup = _local.GetAlternateLookup<ReadOnlySpan<char>>();
        _default = (string?)schema.DefaultValue;
    }

    public IReadOnlyList<string> LocalValues => _values;

    public override void AddNull()
    {
        if (_default is not null) { Add(_default); return; }
        Append(CodedData.NullCode);
        _hasNulls = true;
    }

    public void Add(string? value)
    {
        if (value is null) AddNull();
        else Add(value.AsSpan());
    }

    public void Add(ReadOnlySpan<char> value) => Append(Intern(value));

    /// <summary>The local code of a value, added to the batch's dictionary if new.</summary>
    public int Intern(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var code)) return code;
        var s = value.ToString();
        code = _values.Count;
        _values.Add(s);
        _local.Add(s, code);
        return code;
    }

    /// <summary>Adds a value by the local code <see cref="Intern"/> gave it (sources with their own dictionary map it once).</summary>
    public void AddCode(int code) => Append(code);

    public override bool TryAdd(object? value)
    {
        switch (value)
        {
            case null: AddNull(); return true;
            case string s: Add(s); return true;
            default: Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); return true;
        }
    }

    public override bool TryAddText(ReadOnlySpan<char> text, TextParser parser)
    {
        if (text.IsEmpty || parser.IsNullText(text)) AddNull();
        else Add(text);
        return true;
    }

    public override void Compact(ReadOnlySpan<bool> keep)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (keep[i]) _codes[n++] = _codes[i];
        }
        Count = n;
    }

    public override void Truncate(int count) => Count = count;

    /// <summary>The codes are local until <see cref="Recode"/> maps them into the column dictionary.</summary>
    public override ColumnData Build() => new CodedData(_codes, Schema.Dictionary!, _hasNulls);

    /// <summary>Rewrites local codes as column-dictionary codes; called once, by the committing writer.</summary>
    public void Recode()
    {
        var map = new int[_values.Count];
        for (var i = 0; i < map.Length; i++) map[i] = Schema.Dictionary!.GetOrAdd(_values[i]);
        for (var i = 0; i < Count; i++)
        {
            var c = _codes[i];
            if (c >= 0) _codes[i] = map[c];
        }
    }

    private void Append(int code)
    {
        if (Count == _codes.Length) Array.Resize(ref _codes, Count * 2);
        _codes[Count++] = code;
    }
}

internal sealed class ArrayBuilder<T>(ColumnSchema schema, int capacity) : ColumnBuilder(schema) where T : unmanaged
{
    private T[]?[] _values = new T[]?[Math.Max(capacity, 4)];

    public override void AddNull() => Append((T[]?)Schema.DefaultValue);

    public override bool TryAdd(object? value)
    {
        switch (value)
        {
            case null: AddNull(); return true;
            case T[] a: Append(a); return true;
            case System.Collections.IEnumerable e:
                var list = new List<T>();
                foreach (var item in e)
                {
                    if (!ValueConversion.TryConvert(item, ValueConversion.ElementType(Schema.Type), out var v)) return false;
                    list.Add((T)v!);
                }
                Append([.. list]);
                return true;
            default: return false;
        }
    }

    public override bool TryAddText(ReadOnlySpan<char> text, TextParser parser)
    {
        if (text.IsEmpty || parser.IsNullText(text)) { AddNull(); return true; }
        if (!parser.TryParseArray(text, out T[] array)) return false;
        Append(array);
        return true;
    }

    public override void Compact(ReadOnlySpan<bool> keep)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (keep[i]) _values[n++] = _values[i];
        }
        Truncate(n);
    }

    public override void Truncate(int count)
    {
        Array.Clear(_values, count, Count - count);
        Count = count;
    }

    public override ColumnData Build() => new ArrayData<T>(_values);

    private void Append(T[]? value)
    {
        if (Count == _values.Length) Array.Resize(ref _values, Count * 2);
        _values[Count++] = value;
    }
}
