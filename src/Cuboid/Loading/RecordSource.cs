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
    public static LoadResult Read<T>(IEnumerable<T> rows, TableStore table, string source)
    {
        var fields = table.Columns.Select(c => MemberFor<T>(c, table, source)).ToArray();
        var result = new LoadResult();
        var buffer = new List<T>(Math.Min(Chunk.Size, rows.TryGetNonEnumeratedCount(out var n) ? Math.Max(n, 1) : Chunk.Size));
        var lines = new List<long>(buffer.Capacity);   // the 1-based position of each buffered row in the sequence
        var line = 0L;
        foreach (var row in rows)
        {
            line++;
            if (row is null)
            {
                // A null element has no members to read: it is a bad row, not a crash.
                result.Rejected.Add(new RejectedRow(source, line, null, "the row is null"));
                result.RowsRead++;
                continue;
            }
            buffer.Add(row);
            lines.Add(line);
            if (buffer.Count == Chunk.Size) Flush();
        }
        Flush();
        if (result.Rejected.Count > 1) result.Rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        return result;

        void Flush()
        {
            if (buffer.Count == 0) return;
            var batch = new RowBatch(table.Columns, buffer.Count);
            var keep = FillColumns(batch, fields, buffer, table, source, lines, result.Rejected);
            if (keep is not null) batch.Compact(keep);
            result.Batches.Add(batch);
            result.RowsRead += buffer.Count;
            buffer.Clear();
            lines.Clear();
        }
    }

    private static bool[]? FillColumns<T>(RowBatch batch, IRecordMember<T>[] members, List<T> rows, TableStore table, string source, List<long> lines, List<RejectedRow> rejected)
    {
        bool[]? keep = null;
        for (var c = 0; c < members.Length; c++)
        {
            var builder = batch.Columns[c];
            var isKey = table.Keys.Contains(table.Columns[c].Name);
            var failures = members[c].AddAll(rows, builder, isKey);
            foreach (var (row, reason) in failures)
            {
                keep ??= Enumerable.Repeat(true, rows.Count).ToArray();
                if (keep[row]) rejected.Add(new RejectedRow(source, lines[row], table.Columns[c].Name, reason));
                keep[row] = false;
            }
        }
        return keep;
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
    /// <summary>Adds the member's value of every row; returns the rows that failed and why.</summary>
    List<(int Row, string Reason)> AddAll(List<T> rows, ColumnBuilder builder, bool isKey);
}

internal sealed class RecordMember<T, TValue>(Func<T, TValue> getter) : IRecordMember<T>
{
    public List<(int Row, string Reason)> AddAll(List<T> rows, ColumnBuilder builder, bool isKey)
    {
        var failures = new List<(int, string)>();
        if (builder is ITypedAdd<TValue> typed && !isKey)
        {
            foreach (var row in rows) typed.Add(getter(row));   // the unboxed path
            return failures;
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var value = getter(rows[i]);
            if (isKey && value is null)
            {
                builder.AddNull();
                failures.Add((i, $"the key column '{builder.Schema.Name}' is null"));
            }
            else if (!builder.TryAdd(value))
            {
                builder.AddNull();
                failures.Add((i, $"{ValueConversion.Describe(value)} is not a valid {builder.Schema.Type}"));
            }
        }
        return failures;
    }
}
