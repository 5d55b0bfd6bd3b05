using System.Globalization;
using System.Numerics;
using Cuboid.Samples;
using DuckDB.NET.Data;

namespace Cuboid.Benchmarks;

/// <summary>The peer: DuckDB in-memory, 2 threads, the same questions in SQL.</summary>
internal sealed class DuckDbSide : IEngineSide
{
    private DuckDBConnection? _connection;
    private RetailDataFiles? _files;

    public string Name => "DuckDB";

    public void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void LoadSalesOnly(RetailDataFiles files)
    {
        Open();
        Execute(CreateTable("sales", files.Sales, SalesColumns));
    }

    public void LoadSalesParquet(string parquetFile)
    {
        Open();
        Execute($"CREATE TABLE sales AS SELECT * FROM read_parquet('{parquetFile.Replace("'", "''", StringComparison.Ordinal)}')");
    }

    public void LoadSalesGzip(string gzipFile)
    {
        Open();
        Execute(CreateTable("sales", gzipFile, SalesColumns));   // read_csv inflates .gz files itself
    }

    /// <summary>Writes the sales CSV as Parquet (DuckDB's writer, its default row groups), for L2.</summary>
    public static void WriteSalesParquet(RetailDataFiles files, string parquetFile)
    {
        using var side = new DuckDbSide();
        side.LoadSalesOnly(files);
        side.Execute($"COPY sales TO '{parquetFile.Replace("'", "''", StringComparison.Ordinal)}' (FORMAT PARQUET)");
    }

    public void LoadAll(RetailDataFiles files)
    {
        _files = files;
        LoadSalesOnly(files);
        Execute(CreateTable("stores", files.Stores,
            "'store_id': 'INTEGER', 'city': 'VARCHAR', 'country': 'VARCHAR', 'region': 'VARCHAR'"));
        Execute(CreateTable("products", files.Products,
            "'product_id': 'INTEGER', 'name': 'VARCHAR', 'subcategory': 'VARCHAR', 'category': 'VARCHAR', 'brand': 'VARCHAR'"));
        Execute(CreateTable("customers", files.Customers,
            "'customer_id': 'INTEGER', 'name': 'VARCHAR', 'segment': 'VARCHAR', 'country': 'VARCHAR'"));
    }

    public void BeforeQuery()
    {
        // DuckDB keeps no result cache.
    }

    public QueryOutcome Run(string workloadId)
    {
        if (workloadId == "Q2M" && QueryRows("SELECT 1 FROM information_schema.tables WHERE table_name = 'product_tags'") == 0)
        {
            Execute(CreateTable("product_tags", ProductTags.Ensure(_files!), "'product_id': 'INTEGER', 'tag': 'VARCHAR', 'tag_group': 'VARCHAR'"));   // on the untimed warm-up, as Cuboid's
        }
        var (sql, levels) = Query(workloadId);
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        long rows = 0;
        double sum = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values); // materialize every column of every row
            sum += ToDouble(values[levels]);
            rows++;
        }
        return new QueryOutcome(rows, sum);
    }

    public static string Version()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version()";
        return cmd.ExecuteScalar()?.ToString() ?? "?";
    }

    public void Dispose() => Reset();

    private const string SalesColumns =
        "'sale_id': 'BIGINT', 'date': 'DATE', 'store_id': 'INTEGER', 'product_id': 'INTEGER', 'customer_id': 'INTEGER', " +
        "'quantity': 'INTEGER', 'unit_price': 'DOUBLE', 'discount': 'DOUBLE', 'cost': 'DOUBLE'";

    private const string FromStar =
        " FROM sales s JOIN stores st ON s.store_id = st.store_id JOIN products p ON s.product_id = p.product_id";

    private static string RegionFilter => $" WHERE st.region IN ({string.Join(", ", Workloads.RestrictedRegions.Select(r => $"'{r}'"))})";

    /// <summary>The SQL of a workload and how many level (group-by) columns precede the first measure.</summary>
    private static (string Sql, int Levels) Query(string id) => id switch
    {
        "Q1" => ("SELECT st.country, SUM(s.quantity * s.unit_price) AS revenue" +
                 " FROM sales s JOIN stores st ON s.store_id = st.store_id GROUP BY st.country", 1),
        "Q2" => ("SELECT st.country, p.category, SUM(s.quantity) AS quantity, SUM(s.quantity * s.unit_price) AS revenue," +
                 " SUM(s.cost) AS cost" + FromStar + " GROUP BY st.country, p.category", 2),
        // (product_id, tag) is the tags' key: a sale's rows after the join fall in distinct cells, so the plain join is the distinct sum.
        "Q2M" => ("SELECT st.country, t.tag, SUM(s.quantity) AS quantity, SUM(s.quantity * s.unit_price) AS revenue, SUM(s.cost) AS cost" +
                 " FROM sales s JOIN stores st ON s.store_id = st.store_id JOIN product_tags t ON s.product_id = t.product_id GROUP BY st.country, t.tag", 2),
        "Q3" => ("SELECT st.country, p.category, SUM(s.quantity) AS quantity, SUM(s.quantity * s.unit_price) AS revenue," +
                 " SUM(s.cost) AS cost" + FromStar +
                 $" WHERE s.date >= DATE '{Workloads.Q3Year}-01-01' AND s.date < DATE '{Workloads.Q3Year + 1}-01-01'" +
                 $" AND st.region IN ({string.Join(", ", Workloads.Q3Regions.Select(r => $"'{r}'"))})" +
                 " GROUP BY st.country, p.category", 2),
        "Q4" => ("SELECT year(s.date) AS y, month(s.date) AS m, p.category, SUM(s.quantity) AS quantity, SUM(s.quantity * s.unit_price) AS revenue," +
                 " SUM(s.cost) AS cost FROM sales s JOIN products p ON s.product_id = p.product_id" +
                 " GROUP BY GROUPING SETS ((y, m, p.category), (y, m), (y, p.category), (y))", 3),
        "Q5" => ("SELECT st.country, COUNT(DISTINCT s.customer_id) AS customers" +
                 " FROM sales s JOIN stores st ON s.store_id = st.store_id GROUP BY st.country", 1),
        "Q6" => ("SELECT s.customer_id, SUM(s.quantity * s.unit_price) AS revenue FROM sales s" +
                 $" GROUP BY s.customer_id ORDER BY revenue DESC LIMIT {Workloads.Q6Top}", 1),
        // DuckDB has no users: a restricted user's query is the query with the restriction's filter.
        "F1" or "R1" => ("SELECT st.country, SUM(s.quantity * s.unit_price) AS revenue" +
                 " FROM sales s JOIN stores st ON s.store_id = st.store_id" + RegionFilter + " GROUP BY st.country", 1),
        "F2" or "R2" => ("SELECT st.country, p.category, SUM(s.quantity) AS quantity, SUM(s.quantity * s.unit_price) AS revenue," +
                 " SUM(s.cost) AS cost" + FromStar + RegionFilter + " GROUP BY st.country, p.category", 2),
        "F3" or "R3" => Query("Q3"),
        _ => throw new ArgumentException($"DuckDB side has no query for workload {id}", nameof(id)),
    };

    private DuckDBConnection Connection => _connection ?? throw new InvalidOperationException("DuckDB: nothing loaded");

    private void Open()
    {
        Reset();
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        Execute("SET threads = 2");
    }

    /// <summary>Runs a query and reads every row of its result; returns how many there were.</summary>
    public long QueryRows(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        long rows = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++) _ = reader.GetValue(i);
            rows++;
        }
        return rows;
    }

    /// <summary>Appends sales rows (sale_id, date, store_id, product_id, customer_id, quantity, unit_price, discount, cost) with DuckDB's appender, in one transaction.</summary>
    public void AppendSales(IReadOnlyList<object?[]> rows)
    {
        using (var appender = Connection.CreateAppender("sales"))
        {
            foreach (var row in rows)
            {
                appender.CreateRow()
                    .AppendValue((long)row[0]!).AppendValue((DateOnly)row[1]!).AppendValue((int)row[2]!).AppendValue((int)row[3]!).AppendValue((int)row[4]!)
                    .AppendValue((int)row[5]!).AppendValue((double)row[6]!).AppendValue((double)row[7]!).AppendValue((double)row[8]!)
                    .EndRow();
            }
        }
    }

    internal void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string CreateTable(string table, string path, string columns) =>
        $"CREATE TABLE {table} AS SELECT * FROM read_csv('{path.Replace("'", "''", StringComparison.Ordinal)}'," +
        $" header = true, delim = ',', columns = {{{columns}}})";

    private static double ToDouble(object value) => value switch
    {
        BigInteger b => (double)b, // SUM(INTEGER) is a HUGEINT
        IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"cannot sum a {value.GetType().Name}"),
    };
}
