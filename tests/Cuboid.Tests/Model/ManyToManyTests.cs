using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

/// <summary>
/// A join on target columns that are not its keys, where a fact row matches several target rows: the worked example
/// of docs/api.md (sales of three products, tags keyed on product and tag). A fact counts once under each member its
/// matches give and once in any total above them ("distinct sum").
/// </summary>
public sealed class ManyToManyTests
{
    private static (Session Session, Cube Cube, Table Sales, Table Tags) Example(TargetOptionality optionality = TargetOptionality.Optional)
    {
        var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Shop", DataType.String), ("Amount", DataType.Double));
        var tags = Table(session, "Tags", ["Product", "Tag"], ("Product", DataType.String), ("Tag", DataType.String), ("Group", DataType.String));
        sales.Append([1, "P1", "Paris", 10.0], [2, "P2", "Lyon", 5.0], [3, "P3", "Paris", 1.0]);
        tags.Append(["P1", "red", "color"], ["P1", "warm", "color"], ["P1", "sale", "promo"], ["P2", "red", "color"], ["P2", "sale", "promo"]);
        sales.Join(tags, sales["Product"] == tags["Product"], optionality);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Remove("Tag");   // the key column's own hierarchy
        cube.Hierarchies.Set("Tags", ("Group", tags["Group"]), ("Tag", tags["Tag"]));
        cube.Hierarchies.Set("Shop", sales["Shop"]);
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        return (session, cube, sales, tags);
    }

    private static Measure[] Measures(Cube cube) => [cube.Measures["Amount"], cube.Measures["contributors.COUNT"]];

    [Fact]
    public void EachTagCountsItsFactsAndTheTotalCountsEachFactOnce()
    {
        var (session, cube, _, _) = Example();
        using var _s = session;
        Assert.Equal(
            ["||16|3", "N/A||1|1", "N/A|N/A|1|1", "color||15|2", "color|red|15|2", "color|warm|10|1", "promo||15|2", "promo|sale|15|2"],
            Lines(cube.Query(Measures(cube), [cube.Levels["Group"], cube.Levels["Tag"]], includeTotals: true)));
    }

    [Fact]
    public void FiltersHoldForOneTagRowAndTotalsStayDistinct()
    {
        var (session, cube, _, tags) = Example();
        using var _s = session;
        var group = cube.Levels["Group"];
        var tag = cube.Levels["Tag"];
        // Only red rows pass: promo has no red row, so it is absent; the total is the facts that have a red tag.
        Assert.Equal(["|15|2", "color|15|2"], Lines(cube.Query(Measures(cube), [group], filter: tag == "red", includeTotals: true)));
        // Not red: P1 still passes through warm and sale, P2 through sale; P3 (no tag) through N/A.
        Assert.Equal(["|16|3", "N/A|1|1", "color|10|1", "promo|15|2"], Lines(cube.Query(Measures(cube), [group], filter: tag != "red", includeTotals: true)));
        Assert.Equal(["16|3"], Lines(cube.Query(Measures(cube), filter: !(tag == "red"))));
        // A column of the tags table, and a condition on both tag columns that holds for no single row.
        Assert.Equal(["15|2"], Lines(cube.Query(Measures(cube), filter: tags["Tag"].IsIn("sale"))));
        Assert.Empty(Lines(cube.Query(Measures(cube), filter: (tag == "red") & (group == "promo"))));
        // With a condition on the fact's side too.
        Assert.Equal(["Paris|10|1"], Lines(cube.Query(Measures(cube), [cube.Levels["Shop"]], filter: (tag == "warm") & (cube.Levels["Shop"] == "Paris"))));
    }

    [Fact]
    public void OtherLevelsCountEachFactOnce()
    {
        var (session, cube, _, _) = Example();
        using var _s = session;
        Assert.Equal(["|16|3", "Lyon|5|1", "Paris|11|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Shop"]], includeTotals: true)));
        // Shop × Group then Shop alone: the finer result must not be rolled up across the groups.
        Assert.Equal(
            ["Lyon|color|5|1", "Lyon|promo|5|1", "Paris|N/A|1|1", "Paris|color|10|1", "Paris|promo|10|1"],
            Lines(cube.Query(Measures(cube), [cube.Levels["Shop"], cube.Levels["Group"]])));
        Assert.Equal(["Lyon|5|1", "Paris|11|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Shop"]])));
    }

    [Fact]
    public void AMandatoryJoinLeavesFactsWithoutTagsOut()
    {
        var (session, cube, _, _) = Example(TargetOptionality.Mandatory);
        using var _s = session;
        Assert.Equal(["15|2"], Lines(cube.Query(Measures(cube))));
        Assert.Equal(["color|15|2", "promo|15|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Group"]])));
    }

    [Fact]
    public void TagChangesBetweenQueriesAreSeen()
    {
        var (session, cube, sales, tags) = Example();
        using var _s = session;
        Assert.Equal(["color|15|2", "promo|15|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Group"]], filter: cube.Levels["Group"] != "N/A")));
        tags.Append(["P3", "red", "color"]);   // P3 gets its first tag: one-to-one groups grow
        Assert.Equal(["color|16|3", "promo|15|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Group"]])));
        tags.Drop((tags["Product"] == "P1") & (tags["Group"] == "color"));   // P1 leaves color
        Assert.Equal(["color|6|2", "promo|15|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Group"]])));
        sales.Append([4, "P1", "Lyon", 100.0]);
        Assert.Equal(["|116|4", "color|6|2", "promo|115|3"], Lines(cube.Query(Measures(cube), [cube.Levels["Group"]], includeTotals: true)));
    }

    [Fact]
    public void AJoinWhoseValuesEachHaveOneRowStaysOneToOne()
    {
        var (session, cube, _, tags) = Example();
        using var _s = session;
        tags.Drop((tags["Tag"] != "red"));
        // A measure reads the tags' columns row by row only while each product has one tag.
        cube.Measures["Tagged"] = Agg.Count(tags["Tag"]);
        Assert.Equal(["3"], Lines(cube.Query([cube.Measures["Tagged"]])));   // P3's reads the default, "N/A"
        tags.Append(["P2", "sale", "promo"]);
        var error = Assert.Throws<NotSupportedException>(() => cube.Query([cube.Measures["Tagged"]]));
        Assert.Contains("'Tags' is joined many-to-many to 'Sales'", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 rows of 'Tags' share one value of 'Product'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFactWithMoreCellsThanAScanSliceHoldsCountsOnceInEach()
    {
        var (session, cube, sales, tags) = Example();
        using var _s = session;
        const int Many = 70_000;   // more pairs than the kernel gathers at once (four a row of a 16,384-row slice)
        tags.Load(Enumerable.Range(0, Many).Select(i => new { Product = "P9", Tag = $"t{i:D5}", Group = $"g{i % 7}" }));
        sales.Append([9, "P9", "Lyon", 2.0]);
        var byTag = cube.Query(Measures(cube), [cube.Levels["Tag"]], filter: cube.Levels["Shop"] == "Lyon");
        var tagged = byTag.Rows().Where(row => ((string)row[0]!).StartsWith('t')).ToList();
        Assert.Equal(Many, tagged.Count);
        Assert.All(tagged, row => Assert.Equal((2.0, 1L), ((double)row[1]!, Convert.ToInt64(row[2], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(["Lyon|7|2"], Lines(cube.Query(Measures(cube), [cube.Levels["Shop"]], filter: cube.Levels["Shop"] == "Lyon")));
        Assert.Equal(["g0|2|1", "g1|2|1", "g2|2|1", "g3|2|1", "g4|2|1", "g5|2|1", "g6|2|1"],
            Lines(cube.Query(Measures(cube), [cube.Levels["Group"]], filter: cube.Levels["Group"].IsIn("g0", "g1", "g2", "g3", "g4", "g5", "g6"))));
        // A drillthrough lists a hundred of its tags, then marks the cut: read from its first thousand and one tag rows,
        // the members in hierarchy order (group, then tag), the column's values in ordinal order.
        var row = session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [C] WHERE [Sales].[Shop].[Lyon] RETURN [Sales].[Id], [Tags].[Tags].[Tag], [Tags].[Tag]").Rows().Single(r => (int)r[0]! == 9);
        var read = Enumerable.Range(0, 1_001).ToList();
        var members = string.Join(", ", read.OrderBy(i => i % 7).ThenBy(i => i).Take(100).Select(i => $"t{i:D5}")) + ", …";
        var values = string.Join(", ", read.Take(100).Select(i => $"t{i:D5}")) + ", …";
        Assert.Equal((members, values), ((string)row[1]!, (string)row[2]!));
    }

    [Fact]
    public void TwoManyToManyJoinsGiveAFactACellPerCombination()
    {
        var (session, cube, sales, _) = Example();
        using var _s = session;
        var labels = Table(session, "Labels", ["Shop", "Label"], ("Shop", DataType.String), ("Label", DataType.String));
        labels.Append(["Paris", "a"], ["Paris", "b"], ["Lyon", "a"]);
        sales.Join(labels, sales["Shop"] == labels["Shop"]);
        cube.Hierarchies.Set("Labels", ("Label", labels["Label"]));
        // s1 (Paris: a, b; color, promo), s2 (Lyon: a; color, promo), s3 (Paris: a, b; no tag).
        Assert.Equal(
            ["||16|3", "a||16|3", "a|N/A|1|1", "a|color|15|2", "a|promo|15|2", "b||11|2", "b|N/A|1|1", "b|color|10|1", "b|promo|10|1"],
            Lines(cube.Query(Measures(cube), [cube.Levels["Label"], cube.Levels["Group"]], includeTotals: true)));
        Assert.Equal(["|10|1", "b|10|1"], Lines(cube.Query(Measures(cube), [cube.Levels["Label"]], filter: (cube.Levels["Label"] == "b") & (cube.Levels["Tag"] == "warm"), includeTotals: true)));
    }

    [Fact]
    public void AScanOfManyPairsInOneChunkStopsWhenCancelled()
    {
        var (session, cube, sales, tags) = Example();
        using var _s = session;
        // One chunk of 65,536 sales of one product with 1,000 tags: 65.5M pairs between two looks at the token
        // if the kernel only looked between chunks. The aggregation cancels the query on its first value.
        sales.Load(Enumerable.Range(100, Cuboid.Storage.Chunk.Size).Select(i => new { Id = i, Product = "PX", Shop = "Nice", Amount = 1.0 }));
        tags.Load(Enumerable.Range(0, 1_000).Select(i => new { Product = "PX", Tag = $"x{i:D4}", Group = "x" }));
        using var cancel = new CancellationTokenSource();
        var counting = new CancellingCount(cancel);
        cube.Measures["Counted"] = Agg.Custom(counting, sales["Amount"]);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            session.QueryMdx("SELECT {[Measures].[Counted]} ON 0, [Tags].[Tags].[Tag].Members ON 1 FROM [C]", null, cancel.Token));
        Assert.InRange(counting.Values, 1, 1_000_000);
    }

    /// <summary>A count that cancels its query on the first value it sees, and counts the values it was given.</summary>
    private sealed class CancellingCount(CancellationTokenSource cancel) : IAggregationFunction
    {
        private long _values;

        public long Values => Interlocked.Read(ref _values);

        public string Name => "CancellingCount";

        public double Identity => 0;

        public double Add(double state, double value)
        {
            if (Interlocked.Increment(ref _values) == 1) cancel.Cancel();
            return state + 1;
        }

        public double Merge(double left, double right) => left + right;

        public double? Result(double state, long count) => state;
    }

    [Fact]
    public void AConditionMixingBothSidesHoldsForEachPair()
    {
        var (session, cube, _, _) = Example();
        using var _s = session;
        var (group, tag, shop) = (cube.Levels["Group"], cube.Levels["Tag"], cube.Levels["Shop"]);
        // Red or Paris: s1 (Paris) through all its tags, s2 (Lyon) through red only, s3 (Paris, no tag) through N/A.
        var redOrParis = (tag == "red") | (shop == "Paris");
        Assert.Equal(["||16|3", "N/A||1|1", "N/A|N/A|1|1", "color||15|2", "color|red|15|2", "color|warm|10|1", "promo||10|1", "promo|sale|10|1"],
            Lines(cube.Query(Measures(cube), [group, tag], filter: redOrParis, includeTotals: true)));
        // Not (red in Lyon): only s2's red pair goes.
        Assert.Equal(["|16|3", "N/A|1|1", "color|10|1", "promo|15|2"],
            Lines(cube.Query(Measures(cube), [group], filter: !((tag == "red") & (shop == "Lyon")), includeTotals: true)));
        // With a condition on the fact's side ANDed: Lyon's pairs that are red or promo.
        Assert.Equal(["|5|1", "color|5|1", "promo|5|1"],
            Lines(cube.Query(Measures(cube), [group], filter: (shop == "Lyon") & ((tag == "red") | (group == "promo")), includeTotals: true)));
    }
}
