using System.Text.Json;
using Cuboid.Cli.Commands;
using Cuboid.Cli.Query;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.ModelFiles;

/// <summary><c>cuboid query</c>: scripts of several queries, failures in place, each output format, exit codes.</summary>
public sealed class QueryCommandTests : IClassFixture<QueryCommandTests.Fixture>
{
    private const string Totals = "SELECT {[Measures].[Unit Sales], [Measures].[Store Sales]} ON COLUMNS FROM [Sales]";
    private const string ByFamily = "SELECT {[Measures].[Unit Sales]} ON COLUMNS, [Product].Children ON ROWS FROM [Sales]";
    private const string Broken = "SELECT {[Measures].[Unit Sales]} ON COLUMNS,\n  [Prodct].Children ON ROWS FROM [Sales]";

    private readonly Session _session;

    public QueryCommandTests(Fixture fixture) => _session = fixture.Session;

    public sealed class Fixture : IDisposable
    {
        public Fixture()
        {
            Session = TestData.NewSession();
            ModelFileKit.LoadFoodMart(Session);
        }

        public Session Session { get; }

        public void Dispose() => Session.Dispose();
    }

    private (int Code, string Output) Run(string script, QueryFormat format)
    {
        using var output = new StringWriter();
        var code = QueryRunner.Run(_session, script, format, output);
        return (code, output.ToString());
    }

    [Fact]
    public void ScriptSplitsOnSeparatorLinesOnly()
    {
        var queries = QueryScript.Split("q1\nline 2\n=====\n\n  =====  \nq3 ===== not a separator\r\n=====\n");
        Assert.Equal(["q1\nline 2", "q3 ===== not a separator"], queries);
    }

    [Fact]
    public void TraditionalPrintsEachResultInOrder()
    {
        var (code, output) = Run($"{Totals}\n=====\n{ByFamily}\n", QueryFormat.Traditional);
        Assert.Equal(0, code);
        Assert.Equal("""
            Axis #0:
            {}
            Axis #1:
            {[Measures].[Unit Sales]}
            {[Measures].[Store Sales]}
            Row #0: 266,773
            Row #0: 565,238.13
            =====
            Axis #0:
            {}
            Axis #1:
            {[Measures].[Unit Sales]}
            Axis #2:
            {[Product].[Drink]}
            {[Product].[Food]}
            {[Product].[Non-Consumable]}
            Row #0: 24,597
            Row #1: 191,940
            Row #2: 50,236

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void AFailingQueryPrintsItsDiagnosticAndTheOthersStillRun()
    {
        var (code, output) = Run($"{Totals}\n=====\n{Broken}\n=====\n{ByFamily}", QueryFormat.Table);
        Assert.Equal(1, code);
        var parts = output.Split("=====\n");
        Assert.Equal(3, parts.Length);
        Assert.Contains("266,773", parts[0]);
        Assert.Matches(@"^error MDX\d{4} \(2:3\): .*Prodct", parts[1]);
        Assert.Contains("191,940", parts[2]);
    }

    [Fact]
    public void TableAlignsFormattedValues()
    {
        var (code, output) = Run(ByFamily, QueryFormat.Table);
        Assert.Equal(0, code);
        Assert.Equal("""
            Product         Unit Sales
            --------------  ----------
            Drink               24,597
            Food               191,940
            Non-Consumable      50,236

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public void CsvHasRawValues()
    {
        var (code, output) = Run(ByFamily, QueryFormat.Csv);
        Assert.Equal(0, code);
        Assert.Equal("Product,Unit Sales\nDrink,24597\nFood,191940\nNon-Consumable,50236\n", output);
    }

    [Fact]
    public void JsonHoldsTheCellSet()
    {
        var (code, output) = Run(ByFamily, QueryFormat.Json);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var axes = json.RootElement.GetProperty("axes");
        Assert.Equal(2, axes.GetArrayLength());
        var food = axes[1].GetProperty("positions")[1].GetProperty("members")[0];
        Assert.Equal("[Product].[Food]", food.GetProperty("uniqueName").GetString());
        Assert.Equal("Food", food.GetProperty("caption").GetString());
        Assert.Equal("[Product].[Product Family]", food.GetProperty("levelUniqueName").GetString());
        Assert.Equal(1, food.GetProperty("depth").GetInt32());
        var cell = json.RootElement.GetProperty("cells")[1];
        Assert.Equal(1, cell.GetProperty("ordinal").GetInt32());
        Assert.Equal(191940, cell.GetProperty("value").GetDouble());
        Assert.Equal("191,940", cell.GetProperty("formattedValue").GetString());
    }

    [Fact]
    public void CommandReadsStandardInputAndReturnsExitCodes()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = QueryCommand.Run(ModelFileKit.FoodMartModel, TestData.FoodMartDirectory, QueryFormat.Csv, null, new StringReader(Totals), output, error);
        Assert.Equal(0, code);
        Assert.StartsWith("Unit Sales,Store Sales\n266773,565238.1", output.ToString());
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void AQueryNestedAHundredThousandDeepIsAnErrorNotACrash()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var deep = $"WITH MEMBER [Measures].[X] AS {string.Join('+', Enumerable.Repeat("1", 100_000))} SELECT [Measures].[X] ON 0 FROM [Sales]\n=====\n{Totals}";
        var code = QueryCommand.Run(ModelFileKit.FoodMartModel, TestData.FoodMartDirectory, QueryFormat.Csv, null, new StringReader(deep), output, error);
        Assert.Equal(QueryCommand.QueryFailed, code);
        Assert.StartsWith("error MDX0017 (1:542): Expression is nested too deeply (more than 256 levels)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("266773,565238.1", output.ToString(), StringComparison.Ordinal);   // the next query still ran
    }

    [Fact]
    public void BadModelFileIsExitCodeTwo()
    {
        var model = ModelFileKit.WriteModel("""{ "cubes": [ { "factTable": "nowhere" } ] }""");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = QueryCommand.Run(model, null, QueryFormat.Table, null, new StringReader(Totals), output, error);
        Assert.Equal(QueryCommand.BadInput, code);
        Assert.Equal("", output.ToString());
        Assert.Contains("model.json: cubes[0].factTable: unknown table 'nowhere'", error.ToString());
    }
}
