using System.Data;
using System.Data.Common;
using Cuboid.Storage;

namespace Cuboid.Loading;

/// <summary>
/// Reads a query's result from any ADO.NET provider, streamed: rows go into batches of one
/// chunk as the reader yields them, so the result is never held twice. Column types come from the
/// reader's schema; a value the column cannot take rejects its row, naming the row and column.
/// </summary>
internal static class SqlSource
{
    /// <summary>Runs the query; the reader is closed by the caller.</summary>
    public static DbDataReader Execute(DbConnection connection, string sql, SqlOptions options)
    {
        if (connection.State != ConnectionState.Open) connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (options.CommandTimeout is { } timeout) command.CommandTimeout = timeout;
        foreach (var (name, value) in options.Parameters ?? new Dictionary<string, object?>())
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command.ExecuteReader(CommandBehavior.SequentialAccess);
    }

    /// <summary>The Cuboid type of each result column, from the reader's field types.</summary>
    public static Dictionary<string, DataType> Types(DbDataReader reader)
    {
        var types = new Dictionary<string, DataType>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            if (types.ContainsKey(name)) throw new ArgumentException($"The query returns two columns named '{name}'; give them distinct aliases.");
            var clr = reader.GetFieldType(i);
            types[name] = DataTypes.FromClrType(clr) ?? ArrayOf(reader.GetDataTypeName(i)) ?? throw new ArgumentException($"Column '{name}' of the query is a {clr.Name}, which Cuboid cannot store; cast it in the query.");
        }
        return types;
    }

    /// <summary>Providers that type arrays as <see cref="Array"/> (Npgsql) name their element type: <c>integer[]</c>, <c>double precision[]</c>.</summary>
    private static DataType? ArrayOf(string name) => name.ToLowerInvariant() switch
    {
        "integer[]" or "smallint[]" or "int4[]" or "int2[]" or "_int4" or "_int2" => DataType.IntArray,
        "bigint[]" or "int8[]" or "_int8" => DataType.LongArray,
        "real[]" or "float4[]" or "_float4" => DataType.FloatArray,
        "double precision[]" or "float8[]" or "numeric[]" or "_float8" or "_numeric" => DataType.DoubleArray,
        _ => null,
    };

    public static LoadResult Read(DbDataReader reader, TableStore table, string source, IProgress<long>? progress)
    {
        var ordinals = table.Columns.Select(c =>
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (string.Equals(reader.GetName(i), c.Name, StringComparison.Ordinal)) return i;
            }
            throw new LoadException($"The query has no column '{c.Name}' for table '{table.Name}' (its columns: {string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))}).", []);
        }).ToArray();
        // Sequential access reads a row's columns in order: visit them by ordinal, remember where each goes.
        var order = Enumerable.Range(0, ordinals.Length).OrderBy(c => ordinals[c]).ToArray();
        var keys = table.Columns.Select(c => table.Keys.Contains(c.Name)).ToArray();
        // Text for a typed column (dates stored as text in SQLite, say) is parsed as CSV text is.
        var parser = new TextParser(new CsvOptions());
        var result = new LoadResult();
        var batch = new RowBatch(table.Columns);
        long row = 0;
        while (reader.Read())
        {
            row++;
            var count = batch.Count;
            foreach (var c in order)
            {
                var value = reader.IsDBNull(ordinals[c]) ? null : Normalize(reader.GetValue(ordinals[c]));
                var added = value is string text && table.Columns[c].Type != DataType.String
                    ? batch.Columns[c].TryAddText(text, parser)
                    : batch.Columns[c].TryAdd(value);
                var reason = value is null && keys[c] ? $"the key column '{table.Columns[c].Name}' is null"
                    : added ? null
                    : $"{ValueConversion.Describe(value)} is not a valid {table.Columns[c].Type}";
                if (reason is null) continue;
                result.Rejected.Add(new RejectedRow(source, row, table.Columns[c].Name, reason));
                batch.Truncate(count);
                break;
            }
            if (batch.Count == Chunk.Size)
            {
                result.Batches.Add(batch);
                batch = new RowBatch(table.Columns);
            }
            if (row % 65_536 == 0) progress?.Report(row);
        }
        if (batch.Count > 0) result.Batches.Add(batch);
        result.RowsRead = row;
        progress?.Report(row);
        return result;
    }

    /// <summary>Provider types with no Cuboid twin become the nearest one.</summary>
    private static object Normalize(object value) => value switch
    {
        decimal d => (double)d,
        short s => (int)s,
        byte b => (int)b,
        sbyte b => (int)b,
        ushort u => (int)u,
        uint u => (long)u,
        Guid g => g.ToString(),
        char c => c.ToString(),
        TimeSpan t => TimeOnly.FromTimeSpan(t),
        short[] a => Array.ConvertAll(a, x => (int)x),
        decimal[] a => Array.ConvertAll(a, x => (double)x),
        _ => value,
    };
}
