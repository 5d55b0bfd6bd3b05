using System.Linq.Expressions;
using System.Reflection;
using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// Loads any <c>IEnumerable&lt;T&gt;</c> (classes, records, anonymous types, structs) by matching
/// public properties and fields to columns by name. Each member gets a compiled getter, and a
/// value whose type is the column's goes into the column builder without boxing.
/// </summary>
internal static class RecordSource
{
    public static LoadResult Read<T>(IEnumerable<T> rows, TableStore table, string source, IProgress<long>? progress = null)
    {
        var members = table.Columns.Select(c => MemberFor<T>(c, table, source)).ToArray();
        var result = new LoadResult();
        var buffer = new List<T>(Math.Min(Chunk.Size, rows.TryGetNonEnumeratedCount(out var n) ? Math.Max(n, 1) : Chunk.Size));
        foreach (var row in rows)
        {
            buffer.Add(row);
            if (buffer.Count == Chunk.Size) Flush();
        }
        Flush();
        return result;

        void Flush()
        {
            if (buffer.Count == 0) return;
            result.Add(ColumnarBatches.Read(table, buffer.Count, source, result.RowsRead,
                (c, start, count, builder, isKey, failures) => members[c].AddAll(buffer, start, count, builder, isKey, failures)));
            progress?.Report(result.RowsRead);
            buffer.Clear();
        }
    }

    private static IRecordMember<T> MemberFor<T>(ColumnSchema column, TableStore table, string source)
    {
        var type = typeof(T);
        MemberInfo? member = (MemberInfo?)type.GetProperty(column.Name, BindingFlags.Public | BindingFlags.Instance)
            ?? type.GetField(column.Name, BindingFlags.Public | BindingFlags.Instance);
        if (member is null)
        {
            throw new LoadException(
                $"{source}: the table '{table.Name}' has a column '{column.Name}' that {type.Name} has no property or field for.",
                [new RejectedRow(source, 0, column.Name, "missing column")]);
        }
        var parameter = Expression.Parameter(type, "row");
        var access = Expression.MakeMemberAccess(parameter, member);
        var valueType = access.Type;
        var memberType = typeof(RecordMember<,>).MakeGenericType(type, valueType);
        var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(type, valueType), access, parameter).Compile();
        return (IRecordMember<T>)Activator.CreateInstance(memberType, getter)!;
    }
}

internal interface IRecordMember<T>
{
    /// <summary>Adds the member's value of rows [start, start + count); a null row or a value the column cannot take rejects its row.</summary>
    void AddAll(List<T> rows, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures);
}

internal sealed class RecordMember<T, TValue>(Func<T, TValue> getter) : IRecordMember<T>
{
    public void AddAll(List<T> rows, int start, int count, ColumnBuilder builder, bool isKey, RowFailures failures)
    {
        var typed = isKey ? null : builder as ITypedAdd<TValue>;   // a key must be checked for null
        for (var i = start; i < start + count; i++)
        {
            var row = rows[i];
            if (row is null)
            {
                // A null element has no members to read: it is a bad row, not a crash.
                builder.AddNull();
                failures.AddRow(i, "the row is null");
            }
            else if (typed is not null) typed.Add(getter(row));   // the unboxed path
            else failures.AddChecked(builder, i, getter(row), isKey);
        }
    }
}
