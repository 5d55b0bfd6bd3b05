using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>A 2-D array (Atoti's read_numpy): row i of the table is row i of the array, its columns named by the caller.</summary>
internal static class ArraySource
{
    public static LoadResult Read<T>(T[,] values, IReadOnlyList<string> columns, TableStore table, IProgress<long>? progress)
    {
        var index = table.Columns.Select(c => Index(columns, c.Name, table)).ToArray();
        var result = ColumnarBatches.Read(table, values.GetLength(0), "array", 0, (c, start, count, builder, isKey, failures) =>
        {
            var column = index[c];
            var typed = builder as ITypedAdd<T>;   // unboxed when the column's type is the array's
            for (var r = start; r < start + count; r++)
            {
                var value = values[r, column];
                if (typed is not null && !(isKey && value is null)) typed.Add(value);
                else failures.AddChecked(builder, r, value, isKey);
            }
        });
        progress?.Report(result.RowsRead);
        return result;
    }

    private static int Index(IReadOnlyList<string> columns, string name, TableStore table)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name) return i;
        }
        throw new LoadException($"The array has no column '{name}' for table '{table.Name}' (its columns: {string.Join(", ", columns)}).", []);
    }
}
