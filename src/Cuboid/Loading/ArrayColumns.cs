namespace Cuboid.Loading;

/// <summary>
/// Columns given as CLR arrays (a source's decoded segment, see <see cref="TableWriter"/>) into
/// column builders: block copies where the array is of the column's type, typed adds for nullable
/// elements, conversion value by value otherwise.
/// </summary>
internal static class ArrayColumns
{
    /// <summary>
    /// Adds rows [start, start + count) of a decoded column to a builder: in one block copy when the
    /// array is of the column's type (so no value is null), typed and unboxed when only nulls differ,
    /// through conversion otherwise.
    /// </summary>
    public static void Fill(Array values, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures)
    {
        switch (values)
        {
            case int[] a when builder is PrimitiveBuilder<int> t: t.AddRange(a.AsSpan(start, count)); return;
            case long[] a when builder is PrimitiveBuilder<long> t: t.AddRange(a.AsSpan(start, count)); return;
            case double[] a when builder is PrimitiveBuilder<double> t: t.AddRange(a.AsSpan(start, count)); return;
            case float[] a when builder is PrimitiveBuilder<float> t: t.AddRange(a.AsSpan(start, count)); return;
            case bool[] a when builder is PrimitiveBuilder<bool> t: t.AddRange(a.AsSpan(start, count)); return;
            case DateOnly[] a when builder is PrimitiveBuilder<DateOnly> t: t.AddRange(a.AsSpan(start, count)); return;
            case DateTime[] a when builder is PrimitiveBuilder<DateTime> t: t.AddRange(a.AsSpan(start, count)); return;
            case string?[] a when builder is StringColumnBuilder t: FillStrings(a, start, count, t, isKey, failures); return;
            case ReadOnlyMemory<char>[] a when builder is StringColumnBuilder t: FillText(a.AsSpan(start, count), t); return;
            case int?[] a when builder is ITypedAdd<int?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case long?[] a when builder is ITypedAdd<long?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case double?[] a when builder is ITypedAdd<double?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case float?[] a when builder is ITypedAdd<float?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case DateOnly?[] a when builder is ITypedAdd<DateOnly?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
            case DateTime?[] a when builder is ITypedAdd<DateTime?> t: FillNullable(a, start, count, t, isKey, builder, failures); return;
        }
        for (var r = start; r < start + count; r++)
        {
            var value = values.GetValue(r);
            failures.AddChecked(builder, r, value switch { decimal d => (double)d, ReadOnlyMemory<char> text => text.ToString(), _ => value }, isKey);
        }
    }

    private static void FillStrings(string?[] values, int start, int count, StringColumnBuilder builder, bool isKey, RowFailures failures)
    {
        for (var r = start; r < start + count; r++)
        {
            builder.Add(values[r]);
            if (isKey && values[r] is null) failures.Add(r, builder.NullKey);
        }
    }

    /// <summary>Text as slices (none null), coded by their characters.</summary>
    private static void FillText(ReadOnlySpan<ReadOnlyMemory<char>> values, StringColumnBuilder builder)
    {
        foreach (var value in values) builder.Add(value.Span);
    }

    private static void FillNullable<T>(T?[] values, int start, int count, ITypedAdd<T?> add, bool isKey, ColumnBuilder builder, RowFailures failures) where T : struct
    {
        for (var r = start; r < start + count; r++)
        {
            add.Add(values[r]);
            if (isKey && values[r] is null) failures.Add(r, builder.NullKey);
        }
    }
}
