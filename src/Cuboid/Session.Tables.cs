using Cuboid.Loading;
using Cuboid.Storage;

namespace Cuboid;

public sealed partial class Session
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);

    /// <summary>What the session holds now, table by table and column by column, with scenarios' own chunks and cubes' caches (estimates from the arrays).</summary>
    public SessionMemory Memory
    {
        get
        {
            List<Table> tables;
            List<Cube> cubes;
            lock (_writeLock)
            {
                tables = [.. _tables.Values];
                cubes = [.. _cubes.Values];
            }
            return SessionMemory.Of(this, tables, Current, _branches.Values, cubes);
        }
    }

    /// <summary>Throws when adding <paramref name="rows"/> rows to <paramref name="table"/> would take the session past <see cref="SessionConfig.MaxMemory"/>.</summary>
    internal void CheckMemory(Table table, long rows)
    {
        if (Config.MaxMemory is not { } max || rows == 0) return;
        var needed = rows * SessionMemory.RowBytes(table.Columns.Select(c => c.DataType));
        var held = Memory.Bytes;
        if (held + needed <= max) return;
        throw new LoadException(
            $"Nothing was loaded into table '{table.Name}': its {rows:N0} rows need about {Megabytes(needed)}, and the session holds {Megabytes(held)} of its {Megabytes(max)} limit (SessionConfig.MaxMemory).", []);
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N0} MB");

    /// <summary>The session's tables by name.</summary>
    public IReadOnlyDictionary<string, Table> Tables
    {
        get { lock (_writeLock) return new Dictionary<string, Table>(_tables); }
    }

    /// <summary>
    /// Creates an empty table. <paramref name="types"/> gives the columns in order; a row whose
    /// <paramref name="keys"/> exist already replaces the older row. Columns without a default
    /// value get Atoti's ("N/A" for strings, null for numbers, 1970-01-01 for dates).
    /// </summary>
    public Table CreateTable(string name, IReadOnlyDictionary<string, DataType> types, IReadOnlyList<string>? keys = null,
        IReadOnlyDictionary<string, object?>? defaultValues = null) => AddTable(name, types, keys, defaultValues, external: null);

    /// <summary>Creates a table; an <paramref name="external"/> one keeps its rows in a database (DirectQuery).</summary>
    internal Table AddTable(string name, IReadOnlyDictionary<string, DataType> types, IReadOnlyList<string>? keys,
        IReadOnlyDictionary<string, object?>? defaultValues, Model.IExternalTable? external)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(types);
        keys ??= [];
        foreach (var key in keys)
        {
            if (!types.ContainsKey(key)) throw new ArgumentException($"The key column '{key}' is not a column of table '{name}' (its columns: {string.Join(", ", types.Keys)}).", nameof(keys));
            if (types[key].IsArray()) throw new ArgumentException($"The key column '{key}' of table '{name}' is an array; keys must be scalar.", nameof(keys));
        }
        if (keys.Count > KeyTuple.MaxColumns) throw new ArgumentException($"Table '{name}' has {keys.Count} key columns; at most {KeyTuple.MaxColumns} are supported.", nameof(keys));
        if (keys.Distinct().Count() != keys.Count) throw new ArgumentException($"Table '{name}' lists a key column twice.", nameof(keys));
        foreach (var column in defaultValues?.Keys ?? [])
        {
            if (!types.ContainsKey(column)) throw new ArgumentException($"A default value is given for '{column}', which is not a column of table '{name}'.", nameof(defaultValues));
        }
        var columns = types.Select((t, i) =>
        {
            var given = defaultValues is not null && defaultValues.TryGetValue(t.Key, out var d);
            var value = given ? ValueConversion.ToColumnType(defaultValues![t.Key], t.Value) : t.Value.DefaultValue();
            return new ColumnSchema(t.Key, t.Value, value, i);
        }).ToArray();
        var store = new TableStore(name, columns, keys) { External = external, Pack = Config.CompressColumns };
        var table = new Table(this, store);
        lock (_writeLock)
        {
            ThrowIfClosed();
            if (_tables.ContainsKey(name)) throw new ArgumentException($"The session already has a table named '{name}'.", nameof(name));
            _tables.Add(name, table);
        }
        return table;
    }

    /// <summary>
    /// Reads the result of a SQL query into a new table (named <see cref="LoadOptions.TableName"/>,
    /// "sql" by default), streamed from the reader. Column types come from the provider's types
    /// unless <see cref="LoadOptions.Types"/> gives them. The connection is opened if needed and left as it was.
    /// </summary>
    public Table ReadSql(string sql, System.Data.Common.DbConnection connection, SqlOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new SqlOptions();
        var wasOpen = connection.State == System.Data.ConnectionState.Open;
        try
        {
            using var reader = SqlSource.Execute(connection, sql, options);
            var types = WithGivenTypes(SqlSource.Types(reader), options, "the query");
            return CreateAndLoad(options.TableName ?? "sql", types, options, table => table.Load(SqlSource.Read(reader, table.Store, "sql", options.Progress), options.ErrorHandling));
        }
        finally
        {
            if (!wasOpen) connection.Close();
        }
    }

    /// <summary>Reads a SQL query with a new connection of <paramref name="provider"/> (SqliteFactory.Instance, NpgsqlFactory.Instance…).</summary>
    public Table ReadSql(string sql, string connectionString, System.Data.Common.DbProviderFactory provider, SqlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        using var connection = provider.CreateConnection() ?? throw new ArgumentException($"{provider.GetType().Name} makes no connections.", nameof(provider));
        connection.ConnectionString = connectionString;
        return ReadSql(sql, connection, options);
    }

    /// <summary>
    /// Reads a source that lives outside the engine (Parquet files with Cuboid.Parquet's ReadParquet, or your own
    /// <see cref="ITableSource"/>) into a new table named <see cref="LoadOptions.TableName"/>, or after the source:
    /// its columns and types, unless <see cref="LoadOptions.Types"/> gives them.
    /// </summary>
    public Table ReadTable(ITableSource source, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var types = WithGivenTypes(source.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal), options, source.Name);
        return CreateAndLoad(options.TableName ?? source.Name, types, options, table => table.Load(TableWriter.Read(source, table.Store, options.Progress), options.ErrorHandling));
    }

    /// <summary>
    /// The file formats a model file may name beside CSV, by their key there (<c>{ "parquet": "sales.parquet" }</c>):
    /// each reads a path (or glob) into a new table with the options the model gives (name, keys, types, defaults).
    /// Cuboid.Parquet's <c>UseParquet()</c> adds "parquet", Cuboid.Arrow's <c>UseArrow()</c> adds "arrow" (the cuboid command does both).
    /// </summary>
    public IDictionary<string, Func<string, RecordOptions, Table>> FileFormats { get; } = new Dictionary<string, Func<string, RecordOptions, Table>>(StringComparer.Ordinal);

    /// <summary>The source's column types, with the options' types instead where given (each must name a column).</summary>
    internal static Dictionary<string, DataType> WithGivenTypes(Dictionary<string, DataType> types, LoadOptions options, string source)
    {
        foreach (var (column, type) in options.Types ?? new Dictionary<string, DataType>())
        {
            if (!types.ContainsKey(column)) throw new ArgumentException($"A type is given for '{column}', which is not a column of {source} (its columns: {string.Join(", ", types.Keys)}).", nameof(options));
            types[column] = type;
        }
        return types;
    }

    /// <summary>Creates a table and loads it; a failed load leaves no half-made table behind.</summary>
    internal Table CreateAndLoad(string name, Dictionary<string, DataType> types, LoadOptions options, Func<Table, LoadReport> load)
    {
        var table = CreateTable(name, types, options.Keys, options.DefaultValues);
        try
        {
            load(table);
            return table;
        }
        catch
        {
            lock (_writeLock) _tables.Remove(name);
            throw;
        }
    }

    /// <summary>
    /// Reads a CSV file, or every file a glob matches, into a new table. Column types are
    /// inferred from the first rows of the first file unless <see cref="LoadOptions.Types"/> gives them.
    /// </summary>
    public Table ReadCsv(string pathOrGlob, CsvOptions? options = null)
    {
        options ??= new CsvOptions();
        var files = SourceFiles.Resolve(pathOrGlob);
        var header = CsvSource.ReadHeader(files[0], options);
        var inferred = TypeInference.InferCsv(files[0], header, options);
        var types = new Dictionary<string, DataType>();
        for (var i = 0; i < header.Length; i++) types[header[i]] = options.Types is not null && options.Types.TryGetValue(header[i], out var given) ? given : inferred[i];
        foreach (var (column, _) in options.Types ?? new Dictionary<string, DataType>())
        {
            if (!types.ContainsKey(column)) throw new ArgumentException($"A type is given for '{column}', which is not a column of {files[0]}.", nameof(options));
        }
        var name = options.TableName ?? SourceFiles.TableName(files[0]);
        var table = CreateTable(name, types, options.Keys, options.DefaultValues);
        try
        {
            table.Load(files, options);
        }
        catch
        {
            lock (_writeLock) _tables.Remove(name);   // a failed read leaves no half-made table behind
            throw;
        }
        return table;
    }
}
