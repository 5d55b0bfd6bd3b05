using Cuboid.Tests.Support;

namespace Cuboid.Tests;

public sealed class InteropTests
{
    [Fact]
    public void QueryResultConvertsToArrowAndDataFrameWithTypesAndNulls()
    {
        using var session = TestData.NewSession();
        var t = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.String, ["D"] = DataType.LocalDate, ["V"] = DataType.Double }, keys: ["K"]);
        t.Append(["a", new DateOnly(2024, 1, 2), 1.5], ["b", new DateOnly(2024, 3, 4), null]);
        var cube = session.CreateCube(t);
        var result = cube.Query([cube.Measures["V.SUM"]], levels: [cube.Levels["K"]]);

        var batch = result.ToArrow();
        Assert.Equal(2, batch.Length);
        Assert.Equal(["K", "V.SUM"], batch.Schema.FieldsList.Select(f => f.Name));
        var sums = (Apache.Arrow.DoubleArray)batch.Column(1);
        Assert.Equal(1.5, sums.GetValue(0));
        Assert.Null(sums.GetValue(1));

        var frame = result.ToDataFrame();
        Assert.Equal(2, frame.Rows.Count);
        Assert.Equal("b", frame.Columns["K"][1]);
        Assert.Null(frame.Columns["V.SUM"][1]);

        var table = t.Query(filter: t["D"] > new DateOnly(2024, 2, 1)).ToArrow();
        Assert.Equal(1, table.Length);
        Assert.Equal(new DateOnly(2024, 3, 4), ((Apache.Arrow.Date32Array)table.Column(1)).GetDateOnly(0));
    }
}
