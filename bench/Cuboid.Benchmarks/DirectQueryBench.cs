using System.Diagnostics;
using System.Globalization;
using Cuboid.DirectQuery.Sql;
using Cuboid.Samples;
using DuckDB.NET.Data;

namespace Cuboid.Benchmarks;

/// <summary>
/// D1–D4: the retail cube (without its million-member Customer hierarchy) over tables that stay
/// in DuckDB (a file) and in ClickHouse, Q1–Q4 with a cold cache: Cuboid's time against the time
/// of the very statements Cuboid sent, run on the database directly through the same client.
/// The difference is Cuboid's overhead (binding, SQL building, reading rows into cells, measures).
/// Reports the process's resident memory at the end (VmRSS, VmHWM).
/// </summary>
internal static class DirectQueryBench
{
    private static readonly string[] s_regions = ["North America", "Europe", "Asia", "South America", "Africa"];
    private static readonly string[] s_categories = ["Electronics", "Clothing", "Home", "Garden", "Sports", "Toys", "Grocery", "Beauty", "Books", "Automotive"];

    public static int Run(long rows, int reps, string? duckDbFile, string? duckDbMemory, Uri? clickHouse, TextWriter log)
    {
        log.WriteLine($"DirectQuery: {rows:N0} sales rows, {reps} cold runs per query (medians in ms)");
        log.WriteLine("| database | query | Cuboid | same SQL direct | overhead | statements |");
        log.WriteLine("|---|---|---:|---:|---:|---:|");
        var failed = 0;
        if (duckDbFile is not null)
        {
            if (!File.Exists(duckDbFile)) GenerateDuckDb(duckDbFile, rows, log);
            var settings = duckDbMemory is null ? null : new Dictionary<string, string> { ["memory_limit"] = duckDbMemory };
            failed += Measure(new DuckDbConnectionInfo(duckDbFile) { Settings = settings }, "main", reps, log);
        }
        if (clickHouse is not null)
        {
            GenerateClickHouse(clickHouse, rows, log);
            failed += Measure(new ClickHouseConnectionInfo(clickHouse), "default", reps, log);
        }
        var (rss, hwm) = MemoryProbe.ReadSelf();
        log.WriteLine($"Resident memory of the benchmark process at the end: VmRSS {rss:F0} MB, VmHWM {hwm:F0} MB; the .NET heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MB.");
        return failed;
    }

    private static int Measure(ExternalConnectionInfo connection, string schema, int reps, TextWriter log)
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        using var database = session.ConnectToExternalDatabase(connection);
        Table Add(string name, string key) => session.AddExternalTable(database.Tables[schema, name], keys: [key]);
        var sales = Add("Sales", "sale_id");
        var (stores, products) = (Add("Stores", "store_id"), Add("Products", "product_id"));
        RetailCube.Join(sales, stores, products, customers: null);
        var cube = RetailCube.Build(session, sales, stores, products, customers: null);
        var (l, m) = (cube.Levels, cube.Measures);
        var queries = new (string Id, Func<long> Run)[]
        {
            ("Q1", () => cube.Query([m["Revenue"]], [l["country"]]).RowCount),
            ("Q2", () => cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], [l["country"], l["category"]]).RowCount),
            ("Q3", () => cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], [l["country"], l["category"]], (l["Year"] == 2024) & l["region"].IsIn("Europe", "Asia", "Africa")).RowCount),
            ("Q4", () => session.QueryMdx(Workloads.Q4Mdx, new QueryOptions { KeepTotals = true }).RowCount),
        };
        var client = database.Client;
        var failed = 0;
        var sent = new List<string>();
        foreach (var (id, run) in queries)
        {
            // A first run reads the members the query needs (once per data version); the statements of
            // a second, cold one are what the database is asked each time.
            if (run() == 0) failed++;
            var statements = new List<SqlStatement>();
            client.Sent = statements.Add;
            cube.ClearCache();
            run();
            client.Sent = null;
            var cuboid = new List<double>();
            var direct = new List<double>();
            for (var rep = 0; rep < reps; rep++)
            {
                cube.ClearCache();
                var watch = Stopwatch.StartNew();
                run();
                cuboid.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                foreach (var statement in statements) client.Read(statement, _ => { }, CancellationToken.None);
                direct.Add(watch.Elapsed.TotalMilliseconds);
            }
            sent.AddRange(statements.Select(st => $"{id}: {st.Text}"));
            var (c, d) = (Stats.Of(cuboid).Median, Stats.Of(direct).Median);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {database.Description} | {id} | {c:F1} | {d:F1} | {c - d:F1} ms ({(c - d) / d:P1}) | {statements.Count} |"));
        }
        log.WriteLine();
        log.WriteLine($"Statements sent to {database.Description}:");
        foreach (var text in sent) log.WriteLine(text);
        log.WriteLine();
        return failed;
    }

    /// <summary>Countries 0–49, each in region n % 5.</summary>
    private static string CountryRegions(string number) =>
        $"CASE {number} % 5 {string.Concat(s_regions.Select((r, i) => $"WHEN {i} THEN '{r}' "))}ELSE '' END";

    private static string Category(string number) =>
        $"CASE {number} % 10 {string.Concat(s_categories.Select((c, i) => $"WHEN {i} THEN '{c}' "))}ELSE '' END";

    private static void GenerateDuckDb(string file, long rows, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE Stores AS SELECT CAST(i AS INTEGER) AS store_id, 'City ' || (i % 200) AS city, 'Country ' || lpad(CAST(i % 50 AS VARCHAR), 2, '0') AS country, {CountryRegions("(i % 50)")} AS region FROM range(1, 501) t(i);
            CREATE TABLE Products AS SELECT CAST(i AS INTEGER) AS product_id, {Category("i")} AS category, 'Sub ' || (i % 100) AS subcategory, 'Brand ' || (i % 500) AS brand FROM range(1, 10001) t(i);
            CREATE TABLE Sales AS SELECT CAST(i AS BIGINT) AS sale_id,
                CAST(DATE '2023-01-01' + CAST(hash(i) % 1095 AS INTEGER) AS DATE) AS date,
                CAST(1 + hash(i * 3) % 500 AS INTEGER) AS store_id, CAST(1 + hash(i * 7) % 10000 AS INTEGER) AS product_id,
                CAST(1 + hash(i * 11) % {Math.Max(1000, rows / 10)} AS INTEGER) AS customer_id, CAST(1 + hash(i * 13) % 10 AS INTEGER) AS quantity,
                CAST(hash(i * 17) % 10000 AS DOUBLE) / 100 AS unit_price, 0.0::DOUBLE AS discount, CAST(hash(i * 19) % 6000 AS DOUBLE) / 100 AS cost
              FROM range({rows}) t(i);
            CHECKPOINT;
            """;
        command.ExecuteNonQuery();
        log.WriteLine($"(generated {file} in {watch.Elapsed.TotalSeconds:F0} s)");
    }

    private static void GenerateClickHouse(Uri url, long rows, TextWriter log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        string Post(string sql)
        {
            using var content = new StringContent(sql);
            using var response = http.PostAsync(url, content).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"ClickHouse: {text}");
        }
        if (Post("EXISTS TABLE Sales").Trim() == "1" && long.Parse(Post("SELECT count() FROM Sales").Trim(), CultureInfo.InvariantCulture) == rows) return;
        var watch = Stopwatch.StartNew();
        foreach (var table in new[] { "Sales", "Stores", "Products" }) Post($"DROP TABLE IF EXISTS {table}");
        Post($"CREATE TABLE Stores ENGINE = MergeTree() ORDER BY store_id AS SELECT toInt32(number) AS store_id, concat('City ', toString(number % 200)) AS city, concat('Country ', if(number % 50 < 10, '0', ''), toString(number % 50)) AS country, {CountryRegions("(number % 50)")} AS region FROM numbers(1, 500)");
        Post($"CREATE TABLE Products ENGINE = MergeTree() ORDER BY product_id AS SELECT toInt32(number) AS product_id, {Category("number")} AS category, concat('Sub ', toString(number % 100)) AS subcategory, concat('Brand ', toString(number % 500)) AS brand FROM numbers(1, 10000)");
        Post("CREATE TABLE Sales (sale_id Int64, date Date, store_id Int32, product_id Int32, customer_id Int32, quantity Int32, unit_price Float64, discount Float64, cost Float64) ENGINE = MergeTree() ORDER BY tuple()");
        Post($"""
            INSERT INTO Sales SELECT toInt64(number), toDate('2023-01-01') + (cityHash64(number) % 1095), toInt32(1 + cityHash64(number * 3) % 500), toInt32(1 + cityHash64(number * 7) % 10000),
                toInt32(1 + cityHash64(number * 11) % {Math.Max(1000, rows / 10)}), toInt32(1 + cityHash64(number * 13) % 10), (cityHash64(number * 17) % 10000) / 100, 0, (cityHash64(number * 19) % 6000) / 100
            FROM numbers({rows})
            """);
        log.WriteLine($"(generated {rows:N0} rows in ClickHouse in {watch.Elapsed.TotalSeconds:F0} s)");
    }
}
