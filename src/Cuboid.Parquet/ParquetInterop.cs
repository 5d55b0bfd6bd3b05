namespace Cuboid;

/// <summary>How to read Parquet files (and globs of them).</summary>
public sealed record ParquetReadOptions : LoadOptions;

/// <summary>Parquet files to load into an existing table: <c>table.Load(new ParquetLoad("data/*.parquet"))</c>. Columns are matched by name.</summary>
public sealed record ParquetLoad(string Path, ParquetReadOptions? Options = null);

/// <summary>Reading Parquet files into tables — Atoti's read_parquet — through the engine's <see cref="ITableSource"/> seam.</summary>
public static class ParquetInterop
{
    /// <summary>
    /// Reads a Parquet file, or every file a glob matches, into a new table: the top-level fields are
    /// the columns (lists of numbers become arrays), typed from the file's schema unless
    /// <see cref="LoadOptions.Types"/> gives them; row groups are read in parallel.
    /// </summary>
    public static Table ReadParquet(this Session session, string pathOrGlob, ParquetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.ReadTable(new ParquetFiles(pathOrGlob), options ?? new ParquetReadOptions());
    }

    /// <summary>Loads Parquet files (a path or a glob); their top-level fields are matched to the table's columns by name.</summary>
    public static LoadReport Load(this Table table, ParquetLoad parquet)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(parquet);
        var options = parquet.Options ?? new ParquetReadOptions();
        return table.Load(new SourceLoad(new ParquetFiles(parquet.Path), options.ErrorHandling, options.Progress));
    }

    /// <summary>Lets the session's model files name Parquet files (<c>{ "name": "T", "parquet": "t.parquet" }</c>).</summary>
    public static Session UseParquet(this Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.FileFormats["parquet"] = (path, options) => session.ReadTable(new ParquetFiles(path), options);
        return session;
    }
}
