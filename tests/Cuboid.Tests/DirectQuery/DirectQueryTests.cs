namespace Cuboid.Tests.DirectQuery;

/// <summary>A cube over a database: queries, filters, drillthrough, explain, refresh and errors, against the same cube in memory.</summary>
public abstract class DirectQueryTests(Func<ShopTarget> target)
{
    private ShopData NewShop() => new(target());

    private static QueryResult Ask(Cube cube, string[] measures, string[] levels, Func<Cube, Condition?>? filter = null, bool totals = true) =>
        cube.Query([.. measures.Select(m => cube.Measures[m])], [.. levels.Select(l => cube.Levels[l])], filter?.Invoke(cube), includeTotals: totals);

    public static TheoryData<string> Filters() => ["none", "level ==", "level in", "not level", "column <", "column in with null", "or of levels and columns", "year and month"];

    private static Condition? Filter(Cube cube, string name) => name switch
    {
        "none" => null,
        "level ==" => cube.Levels["Name"] == ShopData.Names[0],
        "level in" => cube.Levels["Name"].IsIn(ShopData.Names[1], ShopData.Names[3], "no such product"),
        "not level" => !(cube.Levels["Category"] == "Even"),
        "column <" => cube.FactTable["price"] < 2.0,
        "column in with null" => cube.FactTable["channel"].IsIn("web", null),
        "or of levels and columns" => (cube.Levels["Name"] == ShopData.Names[2]) | (cube.FactTable["qty"] >= 6),
        "year and month" => (cube.Levels["Year"] == 2025) & cube.Levels["Month"].IsIn(2, 3, 12),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void QueriesAnswerAsInMemory(string filter)
    {
        using var shop = NewShop();
        string[] measures = ["Qty", "Revenue", "Big revenue", "Days", "Cheapest", "Priciest", "Mean price"];
        foreach (var levels in new[] { new[] { "Category", "Name" }, ["Channel"], ["Year", "Month"], ["Category", "Channel"], [] })
        {
            var memory = ShopData.Text(Ask(shop.MemoryCube, measures, levels, c => Filter(c, filter)));
            var external = ShopData.Text(Ask(shop.ExternalCube, measures, levels, c => Filter(c, filter)));
            Assert.False(string.IsNullOrEmpty(memory) && levels.Length > 0 && filter == "none", "the in-memory cube answered nothing");
            Assert.Equal(memory, external);
        }
    }

    [Fact]
    public void MemberNamesThatLookLikeSqlRoundTrip()
    {
        using var shop = NewShop();
        foreach (var name in ShopData.Names)
        {
            var mdx = $"SELECT {{[Measures].[Qty]}} ON COLUMNS FROM [Shop] WHERE ([Product].[Product].[Name].[{name.Replace("]", "]]", StringComparison.Ordinal)}])";
            Assert.Equal(shop.Memory.QueryMdx(mdx).CellSet!.Cells[0].Value, shop.External.QueryMdx(mdx).CellSet!.Cells[0].Value);
            var cSharp = Ask(shop.ExternalCube, ["Qty"], ["Name"], c => c.Levels["Name"] == name, totals: false);
            Assert.Equal(name, cSharp.Rows().Single()[0]);
        }
        // The statements bound the names as values: the table they name is still there.
        Assert.Equal(Ask(shop.MemoryCube, ["Qty"], []).Rows().Single()[0], Ask(shop.ExternalCube, ["Qty"], []).Rows().Single()[0]);
    }

    [Fact]
    public void ARestrictedUserSeesOnlyTheirRowsFromTheDatabase()
    {
        using var shop = NewShop();
        foreach (var session in new[] { shop.Memory, shop.External })
        {
            session.Security.Restrictions["ROLE_WEB"] = session.Tables["sales"]["channel"] == "web";
            session.Security.IndividualRoles["ana"] = ["ROLE_WEB"];
        }
        QueryResult AsAna(Cube cube) => cube.Query([cube.Measures["Qty"], cube.Measures["Days"]], [cube.Levels["Category"], cube.Levels["Channel"]], includeTotals: true, user: "ana");
        var external = ShopData.Text(AsAna(shop.ExternalCube));
        Assert.Equal(ShopData.Text(AsAna(shop.MemoryCube)), external);
        Assert.DoesNotContain("store", external, StringComparison.Ordinal);
        const string Mdx = "SELECT {[Measures].[Qty]} ON COLUMNS, [Channel].[Channel].[Channel].Members ON ROWS FROM [Shop]";
        var options = new QueryOptions { User = "ana" };
        Assert.Equal(shop.Memory.QueryMdx(Mdx, options, TestContext.Current.CancellationToken).ToString(), shop.External.QueryMdx(Mdx, options, TestContext.Current.CancellationToken).ToString());
    }

    [Fact]
    public void ExplainShowsTheSqlSentAndItsTime()
    {
        using var shop = NewShop();
        var plan = shop.External.ExplainMdxQuery("SELECT {[Measures].[Revenue]} ON COLUMNS, [Product].[Product].[Category].Members ON ROWS FROM [Shop] WHERE {[Channel].[Channel].[web], [Channel].[Channel].[store]}");
        var sql = plan.Requests.Where(r => r.Source == "sql").ToList();
        Assert.NotEmpty(sql);
        Assert.Contains(sql, r => r.Sql!.Contains("GROUP BY", StringComparison.Ordinal) && r.Sql.Contains("LEFT JOIN", StringComparison.Ordinal) && r.Sql.Contains("products", StringComparison.Ordinal) && r.Sql.Contains("WHERE", StringComparison.Ordinal));
        Assert.All(sql, r => Assert.True(r.Elapsed > TimeSpan.Zero));
        Assert.Contains("\"sql\":", plan.ToJson(), StringComparison.Ordinal);
        // The member's name was bound, not written into the statement (ClickHouse 18 has no parameters: it gets escaped literals).
        if (shop.Target is not ClickHouseTarget) Assert.DoesNotContain("web", string.Concat(sql.Select(r => r.Sql)), StringComparison.Ordinal);
    }

    [Fact]
    public void ADistinctCountAndItsTotalsAreOneStatement()
    {
        using var shop = NewShop();
        const string Mdx = "SELECT {[Measures].[Days]} ON COLUMNS, {[Product].[Product].[AllMember], [Product].[Product].[Category].Members} * [Channel].[Channel].Members ON ROWS FROM [Shop]";
        var plan = shop.External.ExplainMdxQuery(Mdx);
        // Two groupings (category × channel, and channel for all products): a distinct count does not roll up, so the database computes each — in one statement.
        var statements = plan.Requests.Where(r => r.Source == "sql").Select(r => r.Sql!).ToList();
        Assert.True(statements.Count == 2, string.Join("\n", plan.Requests));
        Assert.Single(statements.Distinct());
        Assert.Contains(shop.Target is ClickHouseTarget ? " UNION ALL " : "GROUP BY GROUPING SETS", statements[0], StringComparison.Ordinal);
        Assert.Equal(shop.Memory.QueryMdx(Mdx).ToString(), shop.External.QueryMdx(Mdx).ToString());
    }

    [Fact]
    public void DrillthroughReturnsTheCellsRowsFromTheDatabase()
    {
        using var shop = NewShop();
        const string Mdx = "DRILLTHROUGH SELECT {[Measures].[Qty]} ON COLUMNS FROM [Shop] WHERE ([Product].[Product].[Category].[Odd], [Day].[Day].[Year].[2025])";
        var memory = shop.Memory.DrillthroughMdx(Mdx);
        var external = shop.External.DrillthroughMdx(Mdx);
        Assert.True(memory.RowCount > 10);
        Assert.Equal(memory.TotalRows, external.TotalRows);
        Assert.Equal(memory.Columns.Select(c => c.Name), external.Columns.Select(c => c.Name));
        // The database's order is its own: the same rows, compared sorted.
        static List<string> Sorted(QueryResult r) => [.. r.Rows().Select(row => string.Join("|", row)).Order(StringComparer.Ordinal)];
        Assert.Equal(Sorted(memory), Sorted(external));
        var page = shop.External.DrillthroughMdx("DRILLTHROUGH MAXROWS 5 SELECT {[Measures].[Qty]} ON COLUMNS FROM [Shop] WHERE [Channel].[Channel].[web]");
        Assert.Equal(5, page.RowCount);
        Assert.All(page.Rows(), row => Assert.Equal("web", row[Array.FindIndex(page.Columns.ToArray(), c => c.Name == "channel")]));
    }

    [Fact]
    public void LoadsIntoAnExternalTableAreRefused()
    {
        using var shop = NewShop();
        var error = Assert.Throws<InvalidOperationException>(() => shop.ExternalCube.FactTable.Append([1000, 1, new DateOnly(2025, 1, 1), 1, 1.0, "web"]));
        Assert.Contains($"Table 'sales' is the external table {shop.Target.Schema}.sales of {shop.Database.Description}", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => shop.ExternalCube.FactTable.Drop());
    }

    [Fact]
    public void RefreshPicksUpTheDatabasesChanges()
    {
        using var shop = NewShop();
        var before = Ask(shop.ExternalCube, ["Qty"], ["Name"], totals: false);
        shop.Target.Execute("INSERT INTO products VALUES (7, 'Newcomer', 'Odd')");
        shop.Target.Execute($"INSERT INTO sales VALUES (1000, 7, {shop.Target.DateLiteral("2026-06-01")}, 40, 2.5, 'web')");
        // Until a refresh, the data version (and so the cache and the members) is the one read.
        Assert.Equal(ShopData.Text(before), ShopData.Text(Ask(shop.ExternalCube, ["Qty"], ["Name"], totals: false)));
        var epoch = shop.External.Current.Epoch;
        shop.Database.Refresh();
        Assert.True(shop.External.Current.Epoch > epoch);
        var after = Ask(shop.ExternalCube, ["Qty"], ["Name"], totals: false);
        Assert.Equal(40, Convert.ToDouble(after.Rows().Single(r => (string?)r[0] == "Newcomer")[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(shop.External.QueryMdx("SELECT [Day].[Day].[Year].Members ON COLUMNS FROM [Shop]").CellSet!.Axes[0].Positions, p => p.Members[0].Caption == "2026");
    }

    [Fact]
    public void ARefreshIntervalPicksUpChangesOnItsOwn()
    {
        using var shop = NewShop();
        var before = Convert.ToDouble(Ask(shop.ExternalCube, ["Qty"], []).Rows().Single()[0], System.Globalization.CultureInfo.InvariantCulture);
        var commits = 0;
        shop.External.Committed += (_, _) => Interlocked.Increment(ref commits);
        shop.Target.Execute($"INSERT INTO sales VALUES (1000, 1, {shop.Target.DateLiteral("2025-02-01")}, 40, 2.5, 'web')");
        shop.Database.RefreshInterval = TimeSpan.FromMilliseconds(200);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        double after;
        do
        {
            Thread.Sleep(100);
            after = Convert.ToDouble(Ask(shop.ExternalCube, ["Qty"], []).Rows().Single()[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        while (after == before && DateTime.UtcNow < deadline);
        shop.Database.RefreshInterval = null;
        Assert.Equal(before + 40, after);
        // Each refresh is a commit: what live queries update on.
        Assert.True(Volatile.Read(ref commits) > 0);
    }

    [Fact]
    public void AColumnThatDisappearedIsAClearErrorAndTheSessionGoesOn()
    {
        using var shop = NewShop();
        shop.Target.Execute("ALTER TABLE sales DROP COLUMN price");
        var error = Assert.Throws<ExternalDatabaseException>(() => Ask(shop.ExternalCube, ["Revenue"], ["Category"]));
        Assert.Contains(shop.Database.Description, error.Message, StringComparison.Ordinal);
        Assert.Contains("price", error.Message, StringComparison.Ordinal);
        // Measures that do not read the column still answer.
        Assert.Equal(ShopData.Text(Ask(shop.MemoryCube, ["Qty"], ["Category"])), ShopData.Text(Ask(shop.ExternalCube, ["Qty"], ["Category"])));
    }

    [Fact]
    public void TheCatalogListsTablesAndColumnsWithTheirTypes()
    {
        using var shop = NewShop();
        var sales = shop.Database.Tables[shop.Target.Schema, "sales"];
        Assert.Equal(["sale_id", "product_id", "day", "qty", "price", "channel"], sales.Columns.Select(c => c.Name));
        Assert.Equal([DataType.Int, DataType.Int, DataType.LocalDate, DataType.Int, DataType.Double, DataType.String], sales.Columns.Select(c => c.DataType));
        var unknown = Assert.Throws<KeyNotFoundException>(() => shop.Database.Tables["nope"]);
        Assert.Contains($"{shop.Target.Schema}.products, {shop.Target.Schema}.sales", unknown.Message, StringComparison.Ordinal);
        var column = Assert.Throws<ArgumentException>(() => shop.External.AddExternalTable(sales, "s2", columns: ["qty", "nope"]));
        Assert.Contains("has no column 'nope'", column.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AggregateProvidersAreRefusedOverADatabase()
    {
        using var shop = NewShop();
        var cube = shop.ExternalCube;
        var error = Assert.Throws<NotSupportedException>(() => cube.AggregateProviders["by name"] = new AggregateProvider([cube.Levels["Name"]], [cube.Measures["Qty"]]));
        Assert.Equal($"Cube '{cube.Name}' reads its facts from a database (DirectQuery): aggregate providers keep aggregates of facts in memory only.", error.Message);
        Assert.Equal(0, cube.AggregateProviders.Count);
    }
}

public sealed class DuckDbDirectQueryTests() : DirectQueryTests(() => new DuckDbTarget());

public sealed class PostgresDirectQueryTests(Support.PostgresServer server) : DirectQueryTests(() => new PostgresTarget(server)), IClassFixture<Support.PostgresServer>;

public sealed class ClickHouseDirectQueryTests(Support.ClickHouseServer server) : DirectQueryTests(() => new ClickHouseTarget(server)), IClassFixture<Support.ClickHouseServer>;
