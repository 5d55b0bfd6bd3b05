using Cuboid.Tests.Support;

namespace Cuboid.Tests.ModelFiles;

/// <summary>samples/foodmart/model.json builds the same cube as the C# FoodMart.Build: same tables, model and answers.</summary>
public sealed class FoodMartModelTests : IClassFixture<FoodMartModelTests.Fixture>
{
    private readonly Fixture _fixture;

    public FoodMartModelTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            FromFile = TestData.NewSession();
            FileCube = ModelFileKit.LoadFoodMart(FromFile);
            FromCode = TestData.NewSession();
            CodeCube = FoodMart.Build(FromCode);
        }

        public Session FromFile { get; }
        public Session FromCode { get; }
        public Cube FileCube { get; }
        public Cube CodeCube { get; }

        public void Dispose()
        {
            FromFile.Dispose();
            FromCode.Dispose();
        }
    }

    [Fact]
    public void TablesHaveTheSameColumnsTypesKeysAndRows()
    {
        Assert.Equal(_fixture.FromCode.Tables.Keys.Order(), _fixture.FromFile.Tables.Keys.Order());
        foreach (var (name, expected) in _fixture.FromCode.Tables)
        {
            var actual = _fixture.FromFile.Tables[name];
            Assert.Equal(expected.Columns.Select(c => $"{c.Name}:{c.DataType}"), actual.Columns.Select(c => $"{c.Name}:{c.DataType}"));
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.Equal(expected.RowCount, actual.RowCount);
            Assert.Equal(expected.JoinedTables.Select(t => t.Name), actual.JoinedTables.Select(t => t.Name));
        }
    }

    [Fact]
    public void CubeHasTheSameHierarchiesLevelsAndMeasures()
    {
        static IEnumerable<string> Hierarchies(Cube cube) => cube.Hierarchies.Select(h =>
            $"{h.UniqueName} slicing={h.Slicing} all={h.AllMemberName} levels=" + string.Join("|", h.Levels.Select(l =>
                $"{l.Name}:{l.Column}:{l.CaptionColumn}:{l.Order}:{string.Join(";", l.Properties.Select(p => $"{p.Key}={p.Value}"))}")));
        static IEnumerable<string> Measures(Cube cube) => cube.Measures.Select(m => $"{m.Name}:{m.Formatter}:{m.Visible}");
        var (file, code) = (_fixture.FileCube, _fixture.CodeCube);
        Assert.Equal("Sales", file.Name);
        Assert.Equal(Hierarchies(code), Hierarchies(file));
        Assert.Equal(Measures(code), Measures(file));
        Assert.Equal(code.CalculatedMembers, file.CalculatedMembers);
    }

    [Theory]
    [InlineData("SELECT {[Measures].[Unit Sales], [Measures].[Store Sales], [Measures].[Store Cost], [Measures].[Sales Count], [Measures].[Customer Count], [Measures].[Promotion Sales], [Measures].[Profit]} ON COLUMNS FROM [Sales]")]
    [InlineData("SELECT [Store].[USA].Children ON COLUMNS, [Product].Children ON ROWS FROM [Sales]")]
    [InlineData("SELECT {[Measures].[Profit], [Measures].[Profit Growth]} ON COLUMNS, {[Time].[1997].[Q2], [Time].[1997].[Q3]} ON ROWS FROM [Sales]")]
    [InlineData("SELECT {[Measures].[Unit Sales]} ON COLUMNS, [Customers].[USA].[WA].[Seattle].Children ON ROWS FROM [Sales] WHERE [Gender].[F]")]
    [InlineData("SELECT {[Measures].[Promotion Sales]} ON COLUMNS, [Promotion Media].Children ON ROWS FROM [Sales] WHERE [Time].[1997].[Q2]")]
    public void MdxQueriesGiveTheSameCells(string mdx)
    {
        var expected = _fixture.FromCode.QueryMdx(mdx).CellSet!;
        var actual = _fixture.FromFile.QueryMdx(mdx).CellSet!;
        Assert.Equal(expected.Axes.Select(a => string.Join(",", a.Positions)), actual.Axes.Select(a => string.Join(",", a.Positions)));
        Assert.Equal(expected.Cells.Select(c => c.FormattedValue), actual.Cells.Select(c => c.FormattedValue));
        // Parallel scans add doubles in varying order: raw sums agree to rounding, not to the last bit.
        Assert.Equal(expected.Cells.Count, actual.Cells.Count);
        foreach (var (e, a) in expected.Cells.Zip(actual.Cells))
        {
            if (e.Value is double x && a.Value is double y) Assert.Equal(x, y, Math.Abs(x) * 1e-12);
            else Assert.Equal(e.Value, a.Value);
        }
        Assert.Contains(actual.Cells, c => !c.IsEmpty);
    }

    [Fact]
    public void KnownTotalsOf1997()
    {
        var cells = _fixture.FromFile.QueryMdx("SELECT {[Measures].[Unit Sales], [Measures].[Store Sales], [Measures].[Customer Count]} ON COLUMNS FROM [Sales]").CellSet!;
        Assert.Equal(["266,773", "565,238.13", "5,581"], cells.Cells.Select(c => c.FormattedValue));
    }
}
