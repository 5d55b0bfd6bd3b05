using Cuboid.Storage;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Transactions;

/// <summary>Scenarios: branches of the data, copy-on-write, queried side by side with the base.</summary>
public sealed class ScenarioTests
{
    private sealed record Sale(int Id, string Shop, double Amount);

    private static (Session, Table, Cube) Build(int rows = 6)
    {
        var session = TestData.NewSession();
        var sales = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Amount"] = DataType.Double }, keys: ["Id"]);
        sales.Load(Enumerable.Range(0, rows).Select(i => new Sale(i, i % 2 == 0 ? "Paris" : "Lyon", 10 + i)));
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        return (session, sales, cube);
    }

    private static double?[] ByShop(Cube cube, string? scenario = null) =>
        [.. cube.Query([cube.Measures["Amount"]], levels: [cube.Levels["Shop"]], scenario: scenario).Column("Amount").Values.Cast<double?>()];

    [Fact]
    public void AScenarioChangesOnlyItselfAndTheBaseMovesOnIndependently()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        session.CreateScenario("Promo");
        Assert.Equal(["Base", "Promo"], session.Scenarios);
        var promo = sales.Scenarios["Promo"];
        promo.Load([new Sale(0, "Paris", 100), new Sale(10, "Lyon", 5)]);   // an upsert of key 0 and a new row
        promo.Drop(sales["Id"] == 1);

        // Base: Lyon 11+13+15 = 39, Paris 10+12+14 = 36. Promo: Lyon 13+15+5 = 33, Paris 100+12+14 = 126.
        Assert.Equal([39.0, 36.0], ByShop(cube));
        Assert.Equal([33.0, 126.0], ByShop(cube, "Promo"));
        Assert.Equal(6, sales.RowCount);
        Assert.Equal(6, promo.RowCount);

        // The base's own upsert does not reach the scenario, and its key index still maps the base's rows.
        sales.Load([new Sale(0, "Paris", 1)]);
        Assert.Equal([39.0, 27.0], ByShop(cube));
        Assert.Equal([33.0, 126.0], ByShop(cube, "Promo"));

        // A scenario of a scenario starts from its origin's data.
        session.CreateScenario("Promo 2", origin: "Promo");
        Assert.Equal([33.0, 126.0], ByShop(cube, "Promo 2"));
        var mdx = session.QueryMdx("SELECT {[Measures].[Amount]} ON 0, [Sales].[Shop].[Shop].Members ON 1 FROM [Sales]", new QueryOptions { Scenario = "Promo" }, TestContext.Current.CancellationToken);
        Assert.Equal([33.0, 126.0], mdx.CellSet!.Cells.Select(c => (double?)c.Value));
    }

    [Fact]
    public void TransactionsWorkOnAScenario()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        session.CreateScenario("Plan");
        using (var transaction = session.StartTransaction("Plan"))
        {
            sales.Scenarios["Plan"].Append([20, "Lyon", 1.0]);
            var wrong = Assert.Throws<InvalidOperationException>(() => sales.Append([21, "Lyon", 1.0]));
            Assert.Contains("writes scenario 'Plan'", wrong.Message, StringComparison.Ordinal);
            Assert.Equal([39.0, 36.0], ByShop(cube, "Plan"));   // not published yet
            transaction.Commit();
        }
        Assert.Equal([40.0, 36.0], ByShop(cube, "Plan"));
        Assert.Equal([39.0, 36.0], ByShop(cube));
    }

    [Fact]
    public void UnknownAndDuplicateScenariosAreNamedAndDeletingFreesTheBranch()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        session.CreateScenario("Temp");
        Assert.Throws<ArgumentException>(() => session.CreateScenario("Temp"));
        var weak = ChangeAndForget(session, sales);
        session.DeleteScenario("Temp");
        var unknown = Assert.Throws<KeyNotFoundException>(() => cube.Query([cube.Measures["Amount"]], scenario: "Temp"));
        Assert.Contains("no scenario 'Temp'. Its scenarios: Base", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => session.DeleteScenario("Base"));
        for (var i = 0; i < 5 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive, "the deleted scenario's table version is still referenced");
    }

    /// <summary>Changes the scenario and returns a weak reference to its new table version (kept off this frame's stack).</summary>
    private static WeakReference ChangeAndForget(Session session, Table sales)
    {
        sales.Scenarios["Temp"].Load([new Sale(99, "Lyon", 1)]);
        return new WeakReference(session.VersionOf("Temp")[sales.Store]);
    }

    [Fact]
    public void AScenarioCostsWhatItChanges()
    {
        // Ten chunks; the scenario rewrites 1% of the rows. Creating it copies nothing; its change
        // adds a chunk for the new rows and copies the deletion masks of the chunks they replace.
        const int rows = 10 * Chunk.Size;
        var (session, sales, _) = Build(rows);
        using var __ = session;
        session.CreateScenario("One percent");
        var baseVersion = session.VersionOf("Base")[sales.Store];
        Assert.Same(baseVersion, session.VersionOf("One percent")[sales.Store]);   // nothing copied at creation
        var random = new Random(3);
        sales.Scenarios["One percent"].Load(Enumerable.Range(0, rows / 100).Select(_ => random.Next(rows)).Distinct().Select(id => new Sale(id, "Lyon", -1)));
        var branch = session.VersionOf("One percent")[sales.Store];
        Assert.Equal(rows, branch.RowCount);   // replaced, not added
        long Bytes(Chunk c) => (long)c.Count * (4 + 4 + 8) + (c.Deleted?.Length ?? 0) * 8L;
        var total = baseVersion.Chunks.Sum(Bytes);
        var shared = branch.Chunks.Where(c => baseVersion.Chunks.Any(b => ReferenceEquals(b.Columns, c.Columns))).ToList();
        var newData = branch.Chunks.Where(c => !shared.Contains(c)).Sum(Bytes);
        var newMasks = shared.Where(c => !baseVersion.Chunks.Contains(c)).Sum(c => (c.Deleted?.Length ?? 0) * 8L);
        Assert.Equal(baseVersion.Chunks.Length, shared.Count);   // every base chunk's columns are shared
        Assert.InRange((newData + newMasks) / (double)total, 0.005, 0.02);
    }

    [Fact]
    public void TheEpochHierarchyPutsScenariosSideBySide()
    {
        var (session, sales, cube) = Build();
        using var _ = session;
        Assert.Null(cube.EpochHierarchy);   // no scenario yet: no Epoch hierarchy
        session.CreateScenario("Promo");
        sales.Scenarios["Promo"].Load([new Sale(0, "Paris", 100), new Sale(10, "Lyon", 5)]);
        var (l, m) = (cube.Levels, cube.Measures);
        var branch = l["Branch"];
        Assert.Same(cube.EpochHierarchy, branch.Hierarchy);
        m["Versus base"] = m["Amount"] - Fn.At(m["Amount"], branch == "Base");

        var result = cube.Query([m["Amount"], m["Versus base"]], levels: [branch, l["Shop"]]);
        Assert.Equal(["Base", "Base", "Promo", "Promo"], result.Column("Branch").Values.Cast<string>());
        Assert.Equal(["Lyon", "Paris", "Lyon", "Paris"], result.Column("Shop").Values.Cast<string>());
        // Base: Lyon 39, Paris 36. Promo: Lyon 44, Paris 126.
        Assert.Equal([39.0, 36.0, 44.0, 126.0], result.Column("Amount").Values.Cast<double?>());
        Assert.Equal([0.0, 0.0, 5.0, 90.0], result.Column("Versus base").Values.Cast<double?>());

        // Without the level: the query's own scenario, or the one a filter keeps.
        Assert.Equal(75.0, cube.Query([m["Amount"]]).Column("Amount").GetDouble(0));
        Assert.Equal(170.0, cube.Query([m["Amount"]], filter: branch == "Promo").Column("Amount").GetDouble(0));
        Assert.Equal(170.0, cube.Query([m["Amount"]], scenario: "Promo").Column("Amount").GetDouble(0));

        // MDX: the branches on an axis, a branch in the slicer, and the scenario's default member.
        var byBranch = session.QueryMdx("SELECT {[Measures].[Amount], [Measures].[Versus base]} ON 0, [Epoch].[Epoch].[Branch].Members ON 1 FROM [Sales]").CellSet!;
        Assert.Equal([75.0, 0.0, 170.0, 95.0], byBranch.Cells.Select(c => (double?)c.Value));
        var sliced = session.QueryMdx("SELECT {[Measures].[Amount]} ON 0, [Sales].[Shop].[Shop].Members ON 1 FROM [Sales] WHERE [Epoch].[Epoch].[Promo]").CellSet!;
        Assert.Equal([44.0, 126.0], sliced.Cells.Select(c => (double?)c.Value));
        var asPromo = session.QueryMdx("SELECT {[Measures].[Amount]} ON 0 FROM [Sales]", new QueryOptions { Scenario = "Promo" }, TestContext.Current.CancellationToken).CellSet!;
        Assert.Equal(170.0, asPromo.Cells[0].Value);

        session.DeleteScenario("Promo");
        Assert.Equal(["Base"], cube.Query([m["Amount"]], levels: [branch]).Column("Branch").Values.Cast<string>());
    }

    [Fact]
    public void AnMdxSlicerSetFiltersEveryScenarioItPutsSideBySide()
    {
        var (session, sales, _) = Build();
        using var _ = session;
        session.CreateScenario("Promo");
        sales.Scenarios["Promo"].Load([new Sale(0, "Paris", 100), new Sale(10, "Lyon", 5), new Sale(11, "Nice", 7)]);
        const string byBranch = "SELECT {[Measures].[Amount]} ON 0, [Epoch].[Epoch].[Branch].Members ON 1 FROM [Sales] WHERE ";
        // Base: Lyon 39, Paris 36. Promo: Lyon 44, Paris 126, Nice 7.
        double?[] Cells(string slicer) => [.. session.QueryMdx(byBranch + slicer).CellSet!.Cells.Select(c => (double?)c.Value)];
        Assert.Equal([75.0, 170.0], Cells("{[Sales].[Shop].[Paris], [Sales].[Shop].[Lyon]}"));
        Assert.Equal([36.0, 126.0], Cells("{[Sales].[Shop].[Paris]} * {[Measures].[Amount]}"));
        // A tuple of the All member keeps every fact, in each scenario (this slicer could not be applied to another scenario before).
        Assert.Equal([75.0, 177.0], Cells("{[Sales].[Shop].DefaultMember, [Sales].[Shop].[Paris]}"));
        Assert.Equal([null, null], Cells("{}"));
    }

    [Fact]
    public void AMemberIsFoundByNameWhenAScenarioAddedMembersToItsLevel()
    {
        var (session, sales, _) = Build();
        using var _ = session;
        session.CreateScenario("Promo");
        sales.Scenarios["Promo"].Load([new Sale(11, "Nice", 7)]);
        // The base has no Nice. The first query indexes the names of the shops it knows, then reads the scenario's data,
        // which adds Nice (between Lyon and Paris) to the members the scenarios share: the next lookup must not trip on it.
        var byBranch = session.QueryMdx("SELECT {[Measures].[Amount]} ON 0, [Epoch].[Epoch].[Branch].Members ON 1 FROM [Sales] WHERE {[Sales].[Shop].[Paris], [Sales].[Shop].[Lyon]}").CellSet!.Cells;
        Assert.Equal([75.0, 75.0], byBranch.Select(c => (double?)c.Value));
        var paris = session.QueryMdx("SELECT {[Measures].[Amount]} ON 0, {[Sales].[Shop].[Paris]} ON 1 FROM [Sales]").CellSet!.Cells;
        Assert.Equal(36.0, paris[0].Value);
    }
}
