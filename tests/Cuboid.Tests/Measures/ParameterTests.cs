using Cuboid.Tests.Support;

namespace Cuboid.Tests.Measures;

/// <summary>Parameter hierarchies: joined to no fact, every fact counts under each member; measures read the member.</summary>
public sealed class ParameterTests
{
    private sealed record Trade(int Id, string Book, double Amount, double[] PnL);

    private static readonly Trade[] s_trades =
    [
        new(1, "Rates", 100, [1, -2, 3]), new(2, "Rates", 50, [2, 2, -1]), new(3, "FX", 30, [-3, 5, 7]), new(4, "Credit", 20, [4, 0, -6]),
    ];

    private static (Session, Cube) Build()
    {
        var session = TestData.NewSession();
        var t = session.CreateTable("Trades", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["Book"] = DataType.String,
            ["Amount"] = DataType.Double,
            ["PnL"] = DataType.DoubleArray,
        }, keys: ["Id"]);
        t.Load(s_trades);
        var cube = session.CreateCube(t, "Trades", CubeMode.Manual);
        cube.Hierarchies.Remove("Id");
        cube.Measures["Amount"] = Agg.Sum(t["Amount"]);
        cube.Measures["PnL"] = Agg.Sum(t["PnL"]);
        return (session, cube);
    }

    [Fact]
    public void EveryFactCountsUnderEachMemberAndTotalsAreNotMultiplied()
    {
        var (session, cube) = Build();
        using var _ = session;
        var factor = cube.CreateParameterHierarchyFromMembers("Factor", [1.1, 0.9, 1.0]);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Scaled"] = m["Amount"] * Fn.MemberValue(l["Factor"]);
        var result = cube.Query([m["Amount"], m["Scaled"]], levels: [l["Book"], l["Factor"]], includeTotals: true);
        // Members keep the given order; the All member (a total) comes first, where the factor is empty.
        Assert.Equal([null, null, 1.1, 0.9, 1.0], result.Column("Factor").Values.Cast<double?>().Take(5));
        for (var r = 0; r < result.RowCount; r++)
        {
            var book = (string?)result[r, "Book"];
            var amount = s_trades.Where(t => book is null || t.Book == book).Sum(t => t.Amount);
            Assert.Equal(amount, result.Column("Amount").GetDouble(r));
            var f = (double?)result[r, "Factor"];
            Assert.Equal(f is null ? null : amount * f, result.Column("Scaled").GetDouble(r));
        }
        Assert.Equal(Enumerable.Range(0, 3).Select(_ => (object?)"Factor"), factor.Levels.Select(x => (object?)x.Name).Concat([factor.Name, factor.Dimension]));
        Assert.Equal(200.0, cube.Query([m["Amount"]]).Column("Amount").GetDouble(0));   // a query without the parameter is unchanged
    }

    [Fact]
    public void FiltersOnAParameterKeepMembersNotFacts()
    {
        var (session, cube) = Build();
        using var _ = session;
        cube.CreateParameterHierarchyFromMembers("Factor", [1.1, 0.9, 1.0]);
        var (l, m) = (cube.Levels, cube.Measures);
        var result = cube.Query([m["Amount"]], levels: [l["Factor"]], filter: (l["Factor"] >= 1.0) & (l["Book"] == "Rates"));
        Assert.Equal([1.1, 1.0], result.Column("Factor").Values.Cast<double?>());
        Assert.Equal([150.0, 150.0], result.Column("Amount").Values.Cast<double?>());
        var mixed = Assert.Throws<ArgumentException>(() => cube.Query([m["Amount"]], filter: (l["Factor"] == 1.0) | (l["Book"] == "FX")));
        Assert.Contains("mixes a parameter hierarchy", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIndexMeasurePicksTheArrayElementOfEachScenario()
    {
        var (session, cube) = Build();
        using var _ = session;
        cube.CreateParameterHierarchyFromMembers("Scenario", ["Up", "Flat", "Down"], indexMeasureName: "Scenario index");
        var (l, m) = (cube.Levels, cube.Measures);
        m["Scenario PnL"] = m["PnL"][m["Scenario index"]];
        var result = cube.Query([m["Scenario index"], m["Scenario PnL"]], levels: [l["Book"], l["Scenario"]]);
        Assert.Equal(9, result.RowCount);
        for (var r = 0; r < result.RowCount; r++)
        {
            var (book, scenario) = ((string)result[r, "Book"]!, (string)result[r, "Scenario"]!);
            var index = Array.IndexOf(["Up", "Flat", "Down"], scenario);
            Assert.Equal((long)index, result.Column("Scenario index")[r]);
            Assert.Equal(s_trades.Where(t => t.Book == book).Sum(t => t.PnL[index]), result.Column("Scenario PnL").GetDouble(r));
        }
        Assert.Null(cube.Query([m["Scenario PnL"]]).Column("Scenario PnL")[0]);   // no scenario on the cell: no index
    }

    [Fact]
    public void FromAColumnAndThroughMdx()
    {
        var (session, cube) = Build();
        using var _ = session;
        cube.CreateParameterHierarchyFromColumn("Target book", session.Tables["Trades"]["Book"]);
        var (l, m) = (cube.Levels, cube.Measures);
        m["Target's amount"] = Fn.At(m["Amount"], l["Book"], l["Target book"]);
        var members = cube.Query([m["Amount"]], levels: [l["Target book"]]);
        Assert.Equal(["Credit", "FX", "Rates"], members.Column("Target book").Values.Cast<string>());
        var targets = cube.Query([m["Target's amount"]], levels: [l["Target book"]]);
        Assert.Equal([20.0, 30.0, 150.0], targets.Column("Target's amount").Values.Cast<double?>());
        var mdx = session.QueryMdx("SELECT {[Measures].[Target's amount]} ON 0, [Target book].[Target book].[Target book].Members ON 1 FROM [Trades]");
        Assert.Equal([20.0, 30.0, 150.0], mdx.CellSet!.Cells.Select(c => (double?)c.Value));
        var sliced = Assert.Throws<MdxException>(() => session.QueryMdx("SELECT {[Measures].[Amount]} ON 0 FROM [Trades] WHERE {[Target book].[FX], [Target book].[Rates]}"));
        Assert.Equal("MDX0122", sliced.Diagnostics[0].Code);
    }
}
