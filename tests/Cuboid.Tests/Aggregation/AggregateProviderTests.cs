using Cuboid.Tests.Support;

namespace Cuboid.Tests.Aggregation;

/// <summary>
/// Aggregate providers answer the queries they cover with the values a scan gives, before and
/// after commits of every kind, name themselves in explain plans and in session.Memory, and leave
/// to the scan what they do not cover.
/// </summary>
public sealed class AggregateProviderTests
{
    private sealed record Sale(int Id, int Shop, int Day, double Amount, int Customer);

    private sealed record Shop(int Id, string City, string Country);

    private static Sale NewSale(Random random, int id) =>
        new(id, random.Next(12), random.Next(30), Math.Round(random.NextDouble() * 100, 2), random.Next(500));

    /// <summary>A star: sales join shops (Country → City); two identical cubes, one to hold providers and one to scan.</summary>
    private static (Session Session, Table Sales, Cube Provided, Cube Plain) Star(int rows, int seed = 3)
    {
        var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Shop"] = DataType.Int,
            ["Day"] = DataType.Int,
            ["Amount"] = DataType.Double,
            ["Customer"] = DataType.Int,
        }, keys: ["Id"]);
        var shops = session.CreateTable("Shops", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["City"] = DataType.String, ["Country"] = DataType.String }, keys: ["Id"]);
        shops.Load(Enumerable.Range(0, 12).Select(i => new Shop(i, $"City {i}", $"Country {i % 3}")));
        sales.Join(shops, sales["Shop"] == shops["Id"]);
        var random = new Random(seed);
        sales.Load(Enumerable.Range(0, rows).Select(i => NewSale(random, i)));
        Cube Make(string name)
        {
            var cube = session.CreateCube(sales, name, CubeMode.Manual);
            foreach (var h in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(h.Name);
            cube.Hierarchies.Set("Geography", [shops["Country"], shops["City"]]);
            cube.Hierarchies.Set("Day", sales["Day"]);
            var m = cube.Measures;
            m["Amount"] = Agg.Sum(sales["Amount"]);
            m["Sales"] = Agg.Count(sales["Id"]);
            m["Mean"] = Agg.Mean(sales["Amount"]);
            m["Largest"] = Agg.Max(sales["Amount"]);
            m["Customers"] = Agg.CountDistinct(sales["Customer"]);
            return cube;
        }
        return (session, sales, Make("Provided"), Make("Plain"));
    }

    private static Measure[] Measures(Cube cube, params string[] names) => [.. names.Select(n => cube.Measures[n])];

    private static Level[] Levels(Cube cube, params string[] names) => [.. names.Select(n => cube.Levels[n])];

    /// <summary>The same query on both cubes: equal results, row by row.</summary>
    private static void AssertSame(Cube provided, Cube plain, string[] measures, string[] levels, Func<Cube, Condition?>? filter = null, bool totals = false)
    {
        plain.ClearCache();
        provided.ClearCache();
        var expected = plain.Query(Measures(plain, measures), Levels(plain, levels), filter?.Invoke(plain), includeTotals: totals).ToString();
        var actual = provided.Query(Measures(provided, measures), Levels(provided, levels), filter?.Invoke(provided), includeTotals: totals).ToString();
        Assert.Equal(expected, actual);
    }

    /// <summary>Where the requests of an MDX query were answered, the cubes' caches emptied first.</summary>
    private static string Source(Session session, string mdx)
    {
        foreach (var cube in session.Cubes.Values) cube.ClearCache();
        return string.Join(",", session.ExplainMdxQuery(mdx).Requests.Select(r => r.Source).Distinct());
    }

    [Fact]
    public void CoveredQueriesAreAnsweredFromTheProviderWithTheScansValues()
    {
        var (session, _, provided, plain) = Star(150_000);
        using var _session = session;
        provided.AggregateProviders["by city and day"] = new AggregateProvider(Levels(provided, "City", "Day"), Measures(provided, "Amount", "Sales", "Mean", "Largest"));
        string[] all = ["Amount", "Sales", "Mean", "Largest"];
        AssertSame(provided, plain, all, ["City", "Day"]);
        AssertSame(provided, plain, all, ["Country"], totals: true);                     // coarser level, subtotals
        AssertSame(provided, plain, all, []);                                             // grand total
        AssertSame(provided, plain, all, ["Day"], c => c.Levels["Country"] == "Country 1");   // a filter on a coarser level
        AssertSame(provided, plain, ["Amount"], ["City"], c => c.Levels["Day"] < 10 & (c.Levels["City"] == "City 4" | c.Levels["City"] == "City 5"));

        const string covered = "SELECT {[Measures].[Amount], [Measures].[Largest]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided] WHERE [Day].[Day].[7]";
        var plan = session.ExplainMdxQuery(covered);
        Assert.All(plan.Requests, r => Assert.Equal(("provider", "by city and day"), (r.Source, r.Provider)));
        Assert.Contains("from provider 'by city and day'", plan.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"provider\": \"by city and day\"", plan.ToJson(), StringComparison.Ordinal);
        // Sums added in another order: equal to the last few bits.
        static IEnumerable<double> Values(QueryResult r) => r.CellSet!.Cells.Select(c => Math.Round((double)c.Value!, 6));
        Assert.Equal(Values(session.QueryMdx(covered.Replace("[Provided]", "[Plain]", StringComparison.Ordinal))), Values(session.QueryMdx(covered)));
    }

    [Fact]
    public void WhatTheProviderDoesNotCoverIsScanned()
    {
        var (session, sales, provided, _) = Star(20_000);
        using var _session = session;
        provided.AggregateProviders["by country"] = new AggregateProvider(Levels(provided, "Country"), Measures(provided, "Amount"));
        Assert.Equal("provider", Source(session, "SELECT {[Measures].[Amount]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided]"));
        Assert.Equal("scan", Source(session, "SELECT {[Measures].[Amount]} ON 0, [Geography].[City].Members ON 1 FROM [Provided]"));   // finer than the provider
        Assert.Equal("scan", Source(session, "SELECT {[Measures].[Sales]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided]"));  // another measure
        Assert.Equal("scan", Source(session, "SELECT {[Measures].[Amount]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided] WHERE [Day].[Day].[3]"));  // a filter on another level
        provided.ClearCache();
        var byColumn = provided.Query(Measures(provided, "Amount"), Levels(provided, "Country"), sales["Amount"] > 50.0);   // a row filter on a column
        Assert.Equal(3, byColumn.RowCount);
    }

    [Fact]
    public void CommitsKeepTheProviderEqualToAScan()
    {
        var (session, sales, provided, plain) = Star(140_000, seed: 9);
        using var _session = session;
        provided.AggregateProviders["sums"] = new AggregateProvider(Levels(provided, "City", "Day"), Measures(provided, "Amount", "Sales", "Mean", "Largest"));
        provided.AggregateProviders["distinct"] = new AggregateProvider(Levels(provided, "City"), Measures(provided, "Customers"), partitioning: provided.Levels["Country"]);
        provided.AggregateProviders["whole"] = new AggregateProvider(Levels(provided, "Day"), Measures(provided, "Customers", "Largest"));
        var random = new Random(11);
        var next = 140_000;
        // New rows are sold in Country 0's shops only: the other countries' partitions stay as they are.
        Sale InCountry0(int id) => NewSale(random, id) with { Shop = 3 * random.Next(4) };
        string Refresh(string name) => provided.AggregateProviders.Stores.Single(s => s.Name == name).LastRefresh!;
        for (var step = 0; step < 6; step++)
        {
            switch (step % 3)
            {
                case 0: sales.Load(Enumerable.Range(next, 5_000).Select(InCountry0)); next += 5_000; break;                         // appended rows
                case 1: sales.Load(Enumerable.Range(0, 2_000).Select(_ => InCountry0(140_000 + random.Next(next - 140_000)))); break;   // upserts
                default: sales.Drop(sales["Id"] >= 140_000 & sales["Id"] < 140_000 + 500 * step); break;                              // drops
            }
            // Appends are added to sums, counts and maximums; replaced rows are taken out of sums and counts, not
            // maximums; distinct counts rebuild the touched partition, or everything without partitioning.
            Assert.Equal(step % 3 == 0 ? "update" : "build", Refresh("sums"));
            Assert.Equal("partitions", Refresh("distinct"));
            Assert.Equal("build", Refresh("whole"));
            Assert.Equal("provider", Source(session, "SELECT {[Measures].[Amount], [Measures].[Largest]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided]"));
            Assert.Equal("provider", Source(session, "SELECT {[Measures].[Customers]} ON 0, [Geography].[City].Members ON 1 FROM [Provided]"));
            AssertSame(provided, plain, ["Amount", "Sales", "Mean", "Largest"], ["City", "Day"]);
            AssertSame(provided, plain, ["Amount", "Largest"], ["Country"], totals: true);
            AssertSame(provided, plain, ["Customers"], ["City"]);
            AssertSame(provided, plain, ["Customers", "Largest"], ["Day"]);
        }
    }

    [Fact]
    public void AProvidersFilterAnswersOnlyQueriesThatFilterAsMuch()
    {
        var (session, _, provided, plain) = Star(30_000);
        using var _session = session;
        provided.AggregateProviders["early days"] = new AggregateProvider(Levels(provided, "City"), Measures(provided, "Amount"), filter: provided.Levels["Day"] < 10);
        const string early = "SELECT {[Measures].[Amount]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided] WHERE {[Day].[Day].[0] : [Day].[Day].[9]}";
        Assert.Equal("scan", Source(session, "SELECT {[Measures].[Amount]} ON 0, [Geography].[Country].Members ON 1 FROM [Provided]"));
        provided.ClearCache();
        var answered = provided.Query(Measures(provided, "Amount"), Levels(provided, "Country"), provided.Levels["Day"] < 10 & provided.Levels["Country"] != "Country 2");
        var expected = plain.Query(Measures(plain, "Amount"), Levels(plain, "Country"), plain.Levels["Day"] < 10 & plain.Levels["Country"] != "Country 2");
        Assert.Equal(expected.ToString(), answered.ToString());
        Assert.Equal(2, answered.RowCount);
        Assert.NotEmpty(session.QueryMdx(early).CellSet!.Cells);
    }

    [Fact]
    public void SessionMemoryShowsEachProvider()
    {
        var (session, _, provided, _) = Star(10_000);
        using var _session = session;
        provided.AggregateProviders["by city"] = new AggregateProvider(Levels(provided, "City"), Measures(provided, "Amount", "Largest"));
        var cube = session.Memory.Cubes.Single(c => c.Name == "Provided");
        var memory = Assert.Single(cube.Providers);
        Assert.Equal(("by city", 12), (memory.Name, memory.Cells));
        Assert.InRange(memory.Bytes, 12 * 8, 4_096);
        Assert.Equal(cube.IndexBytes + cube.CacheBytes + memory.Bytes, cube.Bytes);
        Assert.True(provided.AggregateProviders.Remove("by city"));
        Assert.Empty(session.Memory.Cubes.Single(c => c.Name == "Provided").Providers);
        Assert.False(provided.AggregateProviders.ContainsKey("by city"));
    }

    [Fact]
    public void AProviderChangedModelIsRebuiltWhenNextAsked()
    {
        var (session, sales, provided, plain) = Star(20_000);
        using var _session = session;
        provided.AggregateProviders["by day"] = new AggregateProvider(Levels(provided, "Day"), Measures(provided, "Amount"));
        provided.Hierarchies.Set("Customer", sales["Customer"]);   // a model change: the provider's cells are built again
        AssertSame(provided, plain, ["Amount"], ["Day"]);
        Assert.Equal("provider", Source(session, "SELECT {[Measures].[Amount]} ON 0, [Day].[Day].Members ON 1 FROM [Provided]"));
    }

    [Fact]
    public void BadDefinitionsAreRefusedByName()
    {
        var (session, _, provided, plain) = Star(1_000);
        using var _session = session;
        var foreign = Assert.Throws<ArgumentException>(() => provided.AggregateProviders["x"] = new AggregateProvider(Levels(plain, "City"), Measures(provided, "Amount")));
        Assert.Contains($"{plain.Levels["City"].UniqueName} is not a level of cube 'Provided'", foreign.Message, StringComparison.Ordinal);
        var measure = Assert.Throws<ArgumentException>(() => provided.AggregateProviders["x"] = new AggregateProvider(Levels(provided, "City"), Measures(plain, "Amount")));
        Assert.Contains("Measure '[Measures].[Amount]' is not a measure of cube 'Provided'", measure.Message, StringComparison.Ordinal);
        var partition = Assert.Throws<ArgumentException>(() => new AggregateProvider(Levels(provided, "Country"), Measures(provided, "Amount"), partitioning: provided.Levels["City"]));
        Assert.Contains($"partitioning level {provided.Levels["City"].UniqueName} is not one of the provider's levels", partition.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AggregateProvider(Levels(provided, "City"), []));
        Assert.Equal(0, provided.AggregateProviders.Count);
        var missing = Assert.Throws<KeyNotFoundException>(() => provided.AggregateProviders["nope"]);
        Assert.Equal("Cube 'Provided' has no aggregate provider 'nope'.", missing.Message);
    }
}
