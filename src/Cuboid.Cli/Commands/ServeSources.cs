namespace Cuboid.Cli.Commands;

/// <summary>A table <c>cuboid serve</c> loads: from a CSV or Parquet file (or glob), an Arrow IPC file, or the --sql query.</summary>
internal sealed record ServeTable(string Name, string Kind, string Location, IReadOnlyList<string>? Keys);

/// <summary>A join given as an option: <c>Sales.product_id=Products.id</c> (pairs comma-separated), or <c>Sales=Products</c> on the target's keys.</summary>
internal sealed record ServeJoin(string From, string To, IReadOnlyList<(string From, string To)> Columns);

/// <summary>
/// Reads the tables, keys and joins of <c>cuboid serve</c>'s options into a plan. A file may be
/// named (<c>--csv Products=products.csv</c>; by default the file's name); <c>--keys</c> is
/// <c>COLUMNS</c> for the fact table or <c>TABLE:COLUMNS</c>. The fact table is the one no join
/// points to: with several tables, joins must tie them into one star or snowflake.
/// </summary>
internal static class ServeSources
{
    public static (IReadOnlyList<ServeTable> Tables, IReadOnlyList<ServeJoin> Joins, string Fact) Plan(ServeCommand.ServeOptions options)
    {
        var single = options.Csv.Count + options.Parquet.Count + options.Arrow.Count + (options.Sql is null ? 0 : 1) == 1;
        var sources = new List<(string Name, string Kind, string Location)>();
        foreach (var (kind, values) in new[] { ("csv", options.Csv), ("parquet", options.Parquet), ("arrow", options.Arrow) })
        {
            foreach (var value in values)
            {
                var (name, path) = NameAndPath(value);
                sources.Add(((single ? options.Name : null) ?? name ?? FileName(path), kind, path));
            }
        }
        if (options.Sql is not null)
        {
            var (name, query) = NameAndPath(options.Sql);
            sources.Add(((single ? options.Name : null) ?? name ?? "sql", "sql", query));
        }
        var duplicate = sources.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two sources make a table '{duplicate.Key}': name them (--csv NAME=PATH).");

        var names = sources.Select(s => s.Name).ToList();
        var joins = options.Joins.Select(j => ParseJoin(j, names)).ToList();
        var roots = names.Where(n => !joins.Any(j => j.To == n)).ToList();
        var fact = roots.Count == 1 ? roots[0]
            : throw new ArgumentException(roots.Count == 0
                ? "The joins make a cycle: no table is left to be the fact table."
                : $"Tables {string.Join(", ", roots.Select(r => $"'{r}'"))} are not joined to one another: give --join FROM.COLUMN=TO.COLUMN so one fact table reaches the others.");

        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in options.Keys)
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var table = colon < 0 ? fact : entry[..colon].Trim();
            if (!names.Contains(table)) throw new ArgumentException($"--keys {entry}: there is no table '{table}' (the tables: {string.Join(", ", names)}).");
            keys[table] = entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        return ([.. sources.Select(s => new ServeTable(s.Name, s.Kind, s.Location, keys.GetValueOrDefault(s.Name)))], joins, fact);
    }

    /// <summary><c>NAME=PATH</c> (or <c>NAME=QUERY</c>) names the table; the name is a word, so a path or query holding '=' after other characters is not cut.</summary>
    private static (string? Name, string Path) NameAndPath(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) return (null, value);
        var name = value[..equals];
        return name.All(c => char.IsLetterOrDigit(c) || c == '_') ? (name, value[(equals + 1)..]) : (null, value);
    }

    /// <summary>The table a file makes by default, as ReadCsv and ReadParquet name it: the (first matching) file's name without its extension.</summary>
    private static string FileName(string path) => SourceFiles.TableName(SourceFiles.Resolve(path)[0]);

    private static ServeJoin ParseJoin(string text, List<string> tables)
    {
        ArgumentException Bad(string why) => new($"--join {text}: {why} (expected FROM.COLUMN=TO.COLUMN[,FROM.COLUMN=TO.COLUMN…], or FROM=TO to join on TO's keys).");
        string Table(string name) => tables.Contains(name) ? name : throw Bad($"there is no table '{name}' (the tables: {string.Join(", ", tables)})");

        var pairs = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (pairs.Length == 1 && pairs[0].Split('=') is [var from, var to] && !from.Contains('.', StringComparison.Ordinal) && !to.Contains('.', StringComparison.Ordinal))
        {
            return new ServeJoin(Table(from.Trim()), Table(to.Trim()), []);
        }
        string? fromTable = null, toTable = null;
        var columns = new List<(string, string)>();
        foreach (var pair in pairs)
        {
            if (pair.Split('=') is not [var left, var right]) throw Bad($"'{pair}' is not one '=' between two columns");
            var (lt, lc) = Column(left.Trim());
            var (rt, rc) = Column(right.Trim());
            if ((fromTable ?? lt) != lt || (toTable ?? rt) != rt) throw Bad("every pair must join the same two tables");
            (fromTable, toTable) = (lt, rt);
            columns.Add((lc, rc));
        }
        if (fromTable is null || toTable is null) throw Bad("no column pair is given");
        return new ServeJoin(Table(fromTable), Table(toTable), columns);

        (string Table, string Column) Column(string side)
        {
            var dot = side.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && dot < side.Length - 1 ? (side[..dot], side[(dot + 1)..]) : throw Bad($"'{side}' is not TABLE.COLUMN");
        }
    }
}
