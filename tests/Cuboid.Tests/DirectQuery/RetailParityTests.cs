using Cuboid.Samples;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.DirectQuery;

/// <summary>
/// The retail cube of the benchmarks and the demo (its hierarchies on the fact's date and on
/// joined tables, its distinct count) over a database answers the benchmark queries Q1–Q7 as in memory.
/// </summary>
public abstract class RetailParityTests(Func<ShopTarget> target)
{
    private static readonly Lazy<(Session Session, Cube Cube, RetailDataFiles Files)> s_memory = new(() =>
    {
        var files = RetailData.WriteCsv(Path.Combine(Path.GetTempPath(), $"cuboid-retail-dq-{Environment.ProcessId}"), 20_000, seed: 7);
        var session = TestData.NewSession();
        return (session, RetailCube.Build(session, files), files);
    });

    /// <summary>Q1–Q6 as the benchmark asks them (Q4 in MDX), then Q2 again from the cache (Q7).</summary>
    private static List<string> Answers(Session session, Cube cube)
    {
        var (l, m) = (cube.Levels, cube.Measures);
        var year = l["Year"] == 2024;
        return
        [
            ShopData.Text(cube.Query([m["Revenue"]], [l["country"]])),
            ShopData.Text(cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], [l["country"], l["category"]])),
            ShopData.Text(cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], [l["country"], l["category"]], year & l["region"].IsIn("Europe", "Asia", "Africa"))),
            session.QueryMdx("SELECT {[Measures].[Quantity], [Measures].[Revenue], [Measures].[Cost]} ON COLUMNS, " +
                "NON EMPTY CrossJoin(Hierarchize({[Time].[Calendar].[Year].Members, [Time].[Calendar].[Month].Members}), " +
                "{[Product].[Product].[AllMember], [Product].[Product].[category].Members}) ON ROWS FROM [Sales]").ToString(),
            ShopData.Text(cube.Query([m["Customers"]], [l["country"]], includeTotals: true)),
            ShopData.Text(cube.Query([m["Revenue"], m["Margin %"]], [l["customer_id"]])),
            ShopData.Text(cube.Query([m["Quantity"], m["Revenue"], m["Cost"]], [l["country"], l["category"]])),
        ];
    }

    [Fact]
    public void TheBenchmarkQueriesAnswerAsInMemory()
    {
        var (memorySession, memoryCube, _) = s_memory.Value;
        var expected = Answers(memorySession, memoryCube);
        using var shop = target();
        var tables = new[] { "Sales", "Stores", "Products", "Customers" }.Select(t => memorySession.Tables[t]).ToList();
        using var session = TestData.NewSession();
        using var database = session.ConnectToExternalDatabase(shop.Copy(tables));
        Table Add(string name, string key) => session.AddExternalTable(database.Tables[shop.Schema, name], keys: [key]);
        var sales = Add("Sales", "sale_id");
        var (stores, products, customers) = (Add("Stores", "store_id"), Add("Products", "product_id"), Add("Customers", "customer_id"));
        RetailCube.Join(sales, stores, products, customers);
        var cube = RetailCube.Build(session, sales, stores, products, customers);
        var actual = Answers(session, cube);
        for (var q = 0; q < expected.Count; q++)
        {
            Assert.True(expected[q].Length > 100, $"Q{q + 1} answered almost nothing in memory");
            Assert.True(expected[q] == actual[q], $"Q{q + 1} over {database.Description}:\n{actual[q][..Math.Min(2000, actual[q].Length)]}\n--- in memory:\n{expected[q][..Math.Min(2000, expected[q].Length)]}");
        }
    }
}

public sealed class DuckDbRetailParityTests() : RetailParityTests(() => new DuckDbTarget());

public sealed class PostgresRetailParityTests(PostgresServer server) : RetailParityTests(() => new PostgresTarget(server)), IClassFixture<PostgresServer>;

public sealed class ClickHouseRetailParityTests(ClickHouseServer server) : RetailParityTests(() => new ClickHouseTarget(server)), IClassFixture<ClickHouseServer>;
