namespace Cuboid.Tests.ModelFiles;

/// <summary>Bad model files are errors naming the file, the JSON path and what is wrong.</summary>
public sealed class ModelFileErrorTests
{
    private const string Hierarchy = """{ "name": "Product", "levels": [ { "column": "product" } ] }""";

    [Fact]
    public void UnknownTableInAJoin()
    {
        var message = ModelFileKit.LoadError("""
            {
              "tables": [ { "name": "sales", "file": "sales.csv" } ],
              "joins": [ { "from": "sales", "to": "prodcts" } ],
              "cubes": [ { "factTable": "sales" } ]
            }
            """);
        Assert.Equal("model.json: joins[0].to: unknown table 'prodcts' (the tables: sales).", message);
    }

    [Fact]
    public void UnknownFactTable()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""{ "name": "S", "factTable": "sale" }"""));
        Assert.Equal("model.json: cubes[0].factTable: unknown table 'sale' (the tables: sales, products).", message);
    }

    [Fact]
    public void UnknownLevelColumnListsTheTablesColumns()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel($$"""
            { "factTable": "sales", "hierarchies": [ {{Hierarchy}}, { "name": "Price", "levels": [ { "table": "products", "column": "prise" } ] } ] }
            """));
        Assert.Equal("model.json: cubes[0].hierarchies[1].levels[0]: table 'products' has no column 'prise' (its columns: product, price).", message);
    }

    [Fact]
    public void UnknownColumnInAMeasureExpression()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""
            { "factTable": "sales", "measures": [ { "name": "Q", "aggregation": "sum", "expression": "[qty] * [prise]" } ] }
            """));
        Assert.StartsWith("model.json: cubes[0].measures[0].expression: no column 'prise' in the fact table 'sales' or the tables it joins (products)", message);
    }

    [Fact]
    public void UnknownAggregation()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""
            { "factTable": "sales", "measures": [ { "name": "Q", "aggregation": "median", "expression": "[qty]" } ] }
            """));
        Assert.Equal("model.json: cubes[0].measures[0].aggregation: unknown aggregation 'median' (expected sum, mean, min, max, count or distinctCount).", message);
    }

    [Fact]
    public void BadJsonSaysWhere()
    {
        var message = ModelFileKit.LoadError("""
            {
              "tables": [ { "name": "sales", "file": "sales.csv", } ],
              "cubes": [ { "factTable": sales } ]
            }
            """);
        Assert.StartsWith("model.json: cubes[0].factTable: ", message);
        Assert.Contains("(line 3, column", message);
    }

    [Fact]
    public void MisspeltPropertyIsAnError()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""{ "factTable": "sales", "hierarchys": [] }"""));
        Assert.StartsWith("model.json: cubes[0].hierarchys: unknown property 'hierarchys'", message);
    }

    [Fact]
    public void MissingCsvFileNamesTheTable()
    {
        var message = ModelFileKit.LoadError("""{ "tables": [ { "name": "t", "file": "missing.csv" } ], "cubes": [ { "factTable": "t" } ] }""");
        Assert.StartsWith("model.json: tables[0]: No file '", message);
    }

    [Fact]
    public void UnknownTypeListsTheTypes()
    {
        var message = ModelFileKit.LoadError("""{ "tables": [ { "name": "sales", "file": "sales.csv", "types": { "qty": "integer" } } ], "cubes": [ { "factTable": "sales" } ] }""");
        Assert.StartsWith("model.json: tables[0].types.qty: unknown type 'integer' (the types: Boolean, Int, Long", message);
    }

    [Fact]
    public void UnknownMeasureInAFormula()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""
            { "factTable": "sales", "mode": "noMeasures", "measures": [ { "name": "Double", "formula": "[Measures].[Qty] * 2" } ] }
            """));
        Assert.StartsWith("model.json: cubes[0].measures[0].formula: unknown measure 'Qty'", message);
    }

    [Fact]
    public void CalculatedMemberSyntaxError()
    {
        var message = ModelFileKit.LoadError(ModelFileKit.SmallModel("""
            { "factTable": "sales", "calculatedMembers": [ { "uniqueName": "[Measures].[X]", "formula": "[Measures].[qty.SUM] +" } ] }
            """));
        Assert.StartsWith("model.json: cubes[0].calculatedMembers[0]: MDX", message);
    }

    [Fact]
    public void NoCube()
    {
        Assert.Equal("model.json: cubes: the file defines no cube.", ModelFileKit.LoadError("""{ "tables": [] }"""));
    }
}
