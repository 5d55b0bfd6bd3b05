namespace Cuboid.Tests.Mdx.Execution;

/// <summary>
/// DRILLTHROUGH on FoodMart: the rows returned are checked against the fact table read
/// directly (store and customer attributes joined by hand), and against the SELECT's cell value.
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class DrillthroughTests(FoodMartSession foodMart)
{
    private const string YakimaWomen = "DRILLTHROUGH SELECT FROM [Sales] WHERE ([Store].[USA].[WA].[Yakima], [Gender].[F])";

    private readonly Session _session = foodMart.Session;

    [Fact]
    public void ReturnsExactlyTheFactRowsOfTheCell()
    {
        var expected = FactRows(storeCity: "Yakima", gender: "F");
        var result = _session.DrillthroughMdx(YakimaWomen);

        Assert.Equal(_session.Tables["sales_fact_1997"].Columns.Select(c => c.Name), result.Columns.Select(c => c.Name));
        Assert.True(expected.Count > 100, $"only {expected.Count} rows");
        Assert.Equal(expected.Count, result.RowCount);
        // customer_id joins to the Customers' Name level, which has captions: the drillthrough shows the customer's name.
        var names = _session.Tables["customer"].Query();
        var fullName = Enumerable.Range(0, names.RowCount).ToDictionary(r => Convert.ToString(names[r, "customer_id"], System.Globalization.CultureInfo.InvariantCulture)!, r => (string)names[r, "fullname"]!);
        var customer = result.Columns.Select(c => c.Name).ToList().IndexOf("customer_id");
        var got = result.Rows().Select(Text).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Select(r => string.Join("|", r.Select((v, i) => i == customer ? fullName[v!] : v))).Order(StringComparer.Ordinal), got);
    }

    [Fact]
    public void RowCountMatchesTheCubesSalesCount()
    {
        var count = _session.QueryMdx("SELECT {[Measures].[Sales Count]} ON 0 FROM [Sales] WHERE ([Store].[USA].[WA].[Yakima], [Gender].[F])");
        Assert.Equal(count.Columns[0].GetDouble(0), _session.DrillthroughMdx(YakimaWomen).RowCount);
    }

    [Fact]
    public void MeasureColumnSumsToTheCellValue()
    {
        const string select = "SELECT {[Measures].[Unit Sales]} ON 0, {[Product].[Drink]} ON 1 FROM [Sales] WHERE [Store].[USA].[OR].[Salem]";
        var cell = _session.QueryMdx(select).CellSet!.Cells[0].Value;
        var rows = _session.DrillthroughMdx("DRILLTHROUGH " + select + " RETURN [Measures].[Unit Sales], [Product].[Product Family]");

        Assert.Equal(["[Measures].[Unit Sales]", "[Product].[Product Family]"], rows.Columns.Select(c => c.Name));
        Assert.Equal((double)cell!, Enumerable.Range(0, rows.RowCount).Sum(r => rows.Columns[0].GetDouble(r)!.Value), 6);
        Assert.All(Enumerable.Range(0, rows.RowCount), r => Assert.Equal("Drink", rows[r, "[Product].[Product Family]"]));
    }

    [Fact]
    public void MaxRowsKeepsTheFirstRows()
    {
        var all = _session.DrillthroughMdx(YakimaWomen);
        var first = _session.DrillthroughMdx(YakimaWomen.Replace("DRILLTHROUGH", "DRILLTHROUGH MAXROWS 10", StringComparison.Ordinal));

        Assert.Equal(10, first.RowCount);
        Assert.Equal(all.Rows().Take(10).Select(Text), first.Rows().Select(Text));
    }

    [Fact]
    public void ReturnColumnsReadTablesLevelsAndMeasures()
    {
        var result = _session.DrillthroughMdx(YakimaWomen + """
             RETURN [sales_fact_1997].[customer_id], [customer].[fullname], [Store].[Store City], [Gender].[Gender],
               [Customers].[Name], Key([Customers].[Name]) AS CustomerKey, [Measures].[Unit Sales], [Measures].[Promotion Sales]
            """);
        var facts = _session.DrillthroughMdx(YakimaWomen);

        Assert.Equal(["[sales_fact_1997].[customer_id]", "[customer].[fullname]", "[Store].[Store City]", "[Gender].[Gender]", "[Customers].[Name]", "CustomerKey",
            "[Measures].[Unit Sales]", "[Measures].[Promotion Sales]"], result.Columns.Select(c => c.Name));
        Assert.Equal(facts.RowCount, result.RowCount);
        for (var r = 0; r < result.RowCount; r++)
        {
            Assert.Equal(facts[r, "customer_id"], result[r, "[Customers].[Name]"]);   // the default column shows the customer's name
            Assert.Equal("Yakima", result[r, "[Store].[Store City]"]);
            Assert.Equal("F", result[r, "[Gender].[Gender]"]);
            Assert.Equal(result[r, "[customer].[fullname]"], result[r, "[Customers].[Name]"]);
            Assert.Equal(result[r, "[sales_fact_1997].[customer_id]"], result[r, "CustomerKey"]);   // RETURN of the table column: its values
            Assert.Equal(facts.Column("unit_sales").GetDouble(r), result.Column("[Measures].[Unit Sales]").GetDouble(r));
            var promotion = Convert.ToInt64(facts[r, "promotion_id"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(promotion == 0 ? 0 : facts.Column("store_sales").GetDouble(r), result.Column("[Measures].[Promotion Sales]").GetDouble(r));
        }
    }

    [Fact]
    public void AxisPositionsAndSlicerSetsSelectRows()
    {
        var both = _session.DrillthroughMdx("DRILLTHROUGH SELECT {[Store].[USA].[WA].[Yakima]} ON COLUMNS FROM [Sales] WHERE {[Gender].[F], [Gender].[M]}");
        Assert.Equal(FactRows(storeCity: "Yakima", gender: null).Count, both.RowCount);
    }

    [Fact]
    public void QueryMdxRunsDrillthroughToo()
    {
        var viaQuery = _session.QueryMdx(YakimaWomen);
        Assert.Equal(_session.DrillthroughMdx(YakimaWomen).Rows().Select(Text), viaQuery.Rows().Select(Text));
    }

    [Fact]
    public void MoreThanOneCellIsAnError()
    {
        var error = Assert.Throws<MdxException>(() => _session.DrillthroughMdx("DRILLTHROUGH SELECT {[Measures].[Unit Sales]} ON 0, {[Gender].[F], [Gender].[M]} ON 1 FROM [Sales]"));
        Assert.Equal("MDX0310", error.Diagnostics[0].Code);
        Assert.Contains("axis ROWS has 2 positions", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Store].[Nope]", "MDX0312")]
    [InlineData("[sales_fact_1997].[nope]", "MDX0312")]
    [InlineData("[Measures].[Profit]", "MDX0313")]
    public void UnknownOrUnreadableReturnColumnsAreNamed(string column, string code)
    {
        var error = Assert.Throws<MdxException>(() => _session.DrillthroughMdx(YakimaWomen + " RETURN [Store].[Store City], " + column));
        Assert.Equal(code, error.Diagnostics[0].Code);
        Assert.Contains(column, error.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(YakimaWomen.Length + " RETURN [Store].[Store City], ".Length, error.Diagnostics[0].Offset);
    }

    [Fact]
    public void CalculatedMembersHaveNoRows()
    {
        var error = Assert.Throws<MdxException>(() => _session.DrillthroughMdx(
            "DRILLTHROUGH WITH MEMBER [Gender].[Both] AS [Gender].[F] + [Gender].[M] SELECT {[Gender].[Both]} ON 0 FROM [Sales]"));
        Assert.Equal("MDX0311", error.Diagnostics[0].Code);
        Assert.Contains("[Gender].[Both]", error.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DrillthroughMdxWantsADrillthrough()
    {
        var error = Assert.Throws<MdxException>(() => _session.DrillthroughMdx("SELECT FROM [Sales]"));
        Assert.Equal("MDX0314", error.Diagnostics[0].Code);
    }

    /// <summary>Fact rows (all columns, formatted) whose store is in <paramref name="storeCity"/> and customer of <paramref name="gender"/> (null: any), read from the tables directly.</summary>
    private List<string?[]> FactRows(string storeCity, string? gender)
    {
        var stores = Ids(_session.Tables["store"].Query(), "store_id", r => Equals(r["store_city"], storeCity));
        var customers = Ids(_session.Tables["customer"].Query(), "customer_id", r => gender is null || Equals(r["gender"], gender));
        var fact = _session.Tables["sales_fact_1997"].Query();
        var rows = new List<string?[]>();
        for (var r = 0; r < fact.RowCount; r++)
        {
            if (stores.Contains(Convert.ToInt64(fact[r, "store_id"], System.Globalization.CultureInfo.InvariantCulture))
                && customers.Contains(Convert.ToInt64(fact[r, "customer_id"], System.Globalization.CultureInfo.InvariantCulture)))
            {
                rows.Add([.. fact.Columns.Select(c => Convert.ToString(c[r], System.Globalization.CultureInfo.InvariantCulture))]);
            }
        }
        return rows;
    }

    private static string Text(object?[] row) => string.Join("|", row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));

    private static HashSet<long> Ids(QueryResult table, string key, Func<IReadOnlyDictionary<string, object?>, bool> keep)
    {
        var ids = new HashSet<long>();
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = table.Columns.ToDictionary(c => c.Name, c => c[r]);
            if (keep(row)) ids.Add(Convert.ToInt64(row[key], System.Globalization.CultureInfo.InvariantCulture));
        }
        return ids;
    }
}
