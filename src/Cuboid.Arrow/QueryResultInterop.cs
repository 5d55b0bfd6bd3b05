using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.Data.Analysis;

namespace Cuboid;

/// <summary>
/// Query results as Apache Arrow record batches and Microsoft.Data.Analysis data frames (the
/// .NET counterparts of the pandas DataFrames Atoti returns). Lives outside the engine so the
/// engine does not depend on these packages.
/// </summary>
public static class QueryResultInterop
{
    /// <summary>The result as one Arrow record batch: one Arrow array per column, nulls kept.</summary>
    public static RecordBatch ToArrow(this QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        foreach (var column in result.Columns)
        {
            var array = ToArrowArray(column);
            fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
            arrays.Add(array);
        }
        return new RecordBatch(new Schema(fields, null), arrays, result.RowCount);
    }

    /// <summary>The result as a data frame with one typed column per result column.</summary>
    public static DataFrame ToDataFrame(this QueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DataFrame(result.Columns.Select(ToFrameColumn));
    }

    private static IArrowArray ToArrowArray(ResultColumn column)
    {
        var n = column.Count;
        switch (Type.GetTypeCode(column.ClrType))
        {
            case TypeCode.String:
                var strings = new StringArray.Builder();
                for (var i = 0; i < n; i++)
                {
                    if (column[i] is string s) strings.Append(s);
                    else strings.AppendNull();
                }
                return strings.Build();
            case TypeCode.Double: return Build(new DoubleArray.Builder(), column, v => (double)v);
            case TypeCode.Single: return Build(new FloatArray.Builder(), column, v => (float)v);
            case TypeCode.Int64: return Build(new Int64Array.Builder(), column, v => (long)v);
            case TypeCode.Int32: return Build(new Int32Array.Builder(), column, v => (int)v);
            case TypeCode.Boolean: return Build(new BooleanArray.Builder(), column, v => (bool)v);
            case TypeCode.DateTime:
                var stamps = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null));
                for (var i = 0; i < n; i++)
                {
                    if (column[i] is DateTime d) stamps.Append(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)));
                    else stamps.AppendNull();
                }
                return stamps.Build();
        }
        if (column.ClrType == typeof(DateOnly))
        {
            var dates = new Date32Array.Builder();
            for (var i = 0; i < n; i++)
            {
                if (column[i] is DateOnly d) dates.Append(d);
                else dates.AppendNull();
            }
            return dates.Build();
        }
        if (column.ClrType == typeof(double[]))
        {
            // Arrays (vectors) travel as Arrow lists of doubles.
            var lists = new ListArray.Builder(DoubleType.Default);
            var elements = (DoubleArray.Builder)lists.ValueBuilder;
            for (var i = 0; i < n; i++)
            {
                if (column[i] is not double[] vector)
                {
                    lists.AppendNull();
                    continue;
                }
                lists.Append();
                foreach (var v in vector) elements.Append(v);
            }
            return lists.Build();
        }
        // Anything else (times, zoned times, other arrays) travels as text.
        var text = new StringArray.Builder();
        for (var i = 0; i < n; i++)
        {
            if (column[i] is null) text.AppendNull();
            else text.Append(column.Format(i));
        }
        return text.Build();
    }

    private static IArrowArray Build<T, TArray, TBuilder>(PrimitiveArrayBuilder<T, TArray, TBuilder> builder, ResultColumn column, Func<object, T> convert)
        where T : struct, IEquatable<T>
        where TArray : IArrowArray
        where TBuilder : class, IArrowArrayBuilder<TArray>
    {
        for (var i = 0; i < column.Count; i++)
        {
            if (column[i] is { } value) builder.Append(convert(value));
            else builder.AppendNull();
        }
        return builder.Build(default);
    }

    private static IArrowArray Build(BooleanArray.Builder builder, ResultColumn column, Func<object, bool> convert)
    {
        for (var i = 0; i < column.Count; i++)
        {
            if (column[i] is { } value) builder.Append(convert(value));
            else builder.AppendNull();
        }
        return builder.Build();
    }

    private static DataFrameColumn ToFrameColumn(ResultColumn column)
    {
        var values = Enumerable.Range(0, column.Count).Select(i => column[i]).ToList();
        return Type.GetTypeCode(column.ClrType) switch
        {
            TypeCode.String => new StringDataFrameColumn(column.Name, values.Cast<string?>()),
            TypeCode.Double => new DoubleDataFrameColumn(column.Name, values.Select(v => (double?)v)),
            TypeCode.Single => new SingleDataFrameColumn(column.Name, values.Select(v => (float?)v)),
            TypeCode.Int64 => new Int64DataFrameColumn(column.Name, values.Select(v => (long?)v)),
            TypeCode.Int32 => new Int32DataFrameColumn(column.Name, values.Select(v => (int?)v)),
            TypeCode.Boolean => new BooleanDataFrameColumn(column.Name, values.Select(v => (bool?)v)),
            TypeCode.DateTime => new DateTimeDataFrameColumn(column.Name, values.Select(v => (DateTime?)v)),
            _ when column.ClrType == typeof(DateOnly) => new DateTimeDataFrameColumn(column.Name, values.Select(v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime?)null)),
            _ => new StringDataFrameColumn(column.Name, Enumerable.Range(0, column.Count).Select(i => column[i] is null ? null : column.Format(i))),
        };
    }
}
