using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace Cuboid.Benchmarks;

/// <summary>
/// V1, the value-at-risk case: trades with P&amp;L vectors (one element per historical scenario),
/// the 95% quantile of the vectors summed element-wise by desk and book. Both engines load the
/// same CSV (the vector as one ';'-separated field); Cuboid sums the arrays in its scan and takes
/// Arrays.Quantile per cell, DuckDB unnests the lists, sums per (desk, book, scenario) and takes
/// quantile_cont — the same definition (Atoti's "inc" mode with linear interpolation).
/// </summary>
internal static class VarBench
{
    private const int Desks = 10;
    private const int BooksPerDesk = 5;

    public static int Run(int trades, int scenarios, int reps, int seed, TextWriter output)
    {
        var csv = Generate(trades, scenarios, seed);
        output.WriteLine($"V1: {trades:N0} trades × {scenarios} scenarios ({new FileInfo(csv).Length / 1e6:F0} MB CSV), {Desks} desks × {BooksPerDesk} books, median of {reps} reps after 1 warm-up");

        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        var load = Stopwatch.StartNew();
        var table = session.ReadCsv(csv, new CsvOptions
        {
            TableName = "Trades",
            Keys = ["id"],
            Types = new Dictionary<string, DataType> { ["id"] = DataType.Int, ["desk"] = DataType.String, ["book"] = DataType.String, ["pnl"] = DataType.DoubleArray },
        });
        var cuboidLoad = load.Elapsed.TotalMilliseconds;
        var cube = session.CreateCube(table, "Trades", CubeMode.Manual);
        cube.Hierarchies.Remove("id");
        cube.Measures["PnL"] = Agg.Sum(table["pnl"]);
        cube.Measures["VaR 95"] = Arrays.Quantile(cube.Measures["PnL"], 0.95);
        Level[] levels = [cube.Levels["desk"], cube.Levels["book"]];
        var cuboid = Median(reps, () =>
        {
            cube.ClearCache();
            var result = cube.Query([cube.Measures["VaR 95"]], levels: levels);
            return (result.RowCount, Enumerable.Range(0, result.RowCount).Sum(r => result.Column("VaR 95").GetDouble(r) ?? 0));
        });

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        Execute(duck, "SET threads = 2");
        load.Restart();
        Execute(duck, $"CREATE TABLE trades AS SELECT id, desk, book, CAST(string_split(pnl, ';') AS DOUBLE[]) AS pnl FROM read_csv('{csv}', header = true, columns = {{'id': 'INTEGER', 'desk': 'VARCHAR', 'book': 'VARCHAR', 'pnl': 'VARCHAR'}})");
        var duckLoad = load.Elapsed.TotalMilliseconds;
        const string sql = """
            SELECT desk, book, quantile_cont(v, 0.95) AS var95
            FROM (SELECT desk, book, i, sum(x) AS v
                  FROM (SELECT desk, book, unnest(pnl) AS x, generate_subscripts(pnl, 1) AS i FROM trades)
                  GROUP BY desk, book, i)
            GROUP BY desk, book
            """;
        var duckdb = Median(reps, () =>
        {
            using var command = duck.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var (rows, sum) = (0, 0d);
            while (reader.Read())
            {
                rows++;
                sum += reader.GetDouble(2);
            }
            return (rows, sum);
        });

        output.WriteLine("| | Cuboid | DuckDB | ratio |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine($"| Load the CSV, ms | {cuboidLoad:F0} | {duckLoad:F0} | {cuboidLoad / duckLoad:F2} |");
        output.WriteLine($"| VaR 95 by desk and book, ms | {cuboid.Ms:F1} | {duckdb.Ms:F1} | {cuboid.Ms / duckdb.Ms:F2} |");
        output.WriteLine($"Both give {cuboid.Rows} cells; sums of VaR {cuboid.Sum.ToString("F4", CultureInfo.InvariantCulture)} (Cuboid) and {duckdb.Sum.ToString("F4", CultureInfo.InvariantCulture)} (DuckDB).");
        return cuboid.Rows == duckdb.Rows && Math.Abs(cuboid.Sum - duckdb.Sum) <= 1e-6 * Math.Abs(duckdb.Sum) ? 0 : 1;
    }

    private static (double Ms, int Rows, double Sum) Median(int reps, Func<(int Rows, double Sum)> run)
    {
        var times = new List<double>();
        (int Rows, double Sum) last = default;
        for (var rep = 0; rep <= reps; rep++)
        {
            var clock = Stopwatch.StartNew();
            last = run();
            if (rep > 0) times.Add(clock.Elapsed.TotalMilliseconds);   // rep 0 warms the JIT
        }
        times.Sort();
        return (times[times.Count / 2], last.Rows, last.Sum);
    }

    /// <summary>Deterministic trades; P&amp;L elements with two decimals, so both engines read the same numbers.</summary>
    private static string Generate(int trades, int scenarios, int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cuboid-var-{trades}x{scenarios}-seed{seed}.csv");
        if (File.Exists(path)) return path;
        var random = new Random(seed);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp))
        {
            writer.WriteLine("id,desk,book,pnl");
            var line = new System.Text.StringBuilder();
            for (var t = 0; t < trades; t++)
            {
                var desk = random.Next(Desks);
                line.Clear().Append(CultureInfo.InvariantCulture, $"{t},Desk {desk},Book {desk}-{random.Next(BooksPerDesk)},");
                var scale = 100 + random.Next(900);
                for (var s = 0; s < scenarios; s++)
                {
                    if (s > 0) line.Append(';');
                    line.Append(Math.Round((random.NextDouble() - 0.48) * scale, 2).ToString(CultureInfo.InvariantCulture));
                }
                writer.WriteLine(line);
            }
        }
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
