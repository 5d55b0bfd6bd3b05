using Cuboid.Tests.Support;

namespace Cuboid.Tests.Security;

/// <summary>
/// Roles that restrict facts (<see cref="SessionSecurity.Restrictions"/>) on the C# query path: a restricted user's result
/// equals the unrestricted query over a copy of the data holding only the rows they may see — for restrictions on a
/// column, a joined table's column, IsIn, AND and OR, and for totals — with several fixed seeds.
/// </summary>
public sealed class RestrictionTests
{
    private sealed record Sale(int Id, string Shop, int Product, double Amount);

    private static readonly string[] s_categories = ["C1", "C2", "C3"];

    /// <summary>The cube over <paramref name="sales"/>, the products table holding <paramref name="products"/> (all products when null).</summary>
    private static (Session Session, Cube Cube) Build(IReadOnlyList<Sale> sales, IEnumerable<int>? products = null)
    {
        var session = TestData.NewSession();
        var table = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Product"] = DataType.Int, ["Amount"] = DataType.Double }, keys: ["Id"]);
        if (sales.Count > 0) table.Append([.. sales.Select(s => new object?[] { s.Id, s.Shop, s.Product, s.Amount })]);
        var productTable = session.CreateTable("Products", new Dictionary<string, DataType> { ["Product"] = DataType.Int, ["Category"] = DataType.String }, keys: ["Product"]);
        productTable.Append([.. (products ?? Enumerable.Range(0, Products)).Select(p => new object?[] { p, CategoryOf(p) })]);
        table.Join(productTable);
        var cube = session.CreateCube(table);
        var amount = cube.Measures["Amount.SUM"];
        var (shops, categories) = (cube.Levels["Shop"].Hierarchy, cube.Levels["Category"].Hierarchy);
        cube.Measures["Distinct products"] = Agg.CountDistinct(table["Product"]);
        cube.Measures["Share of all shops"] = amount / Fn.Total(amount, shops);
        cube.Measures["Share of category"] = amount / Fn.ParentValue(amount, categories);
        cube.Measures["Shop rank"] = Fn.Rank(amount, shops);
        cube.Measures["Previous shop"] = Fn.Shift(amount, cube.Levels["Shop"], -1);
        return (session, cube);
    }

    private const int Products = 12;

    private static string CategoryOf(int product) => s_categories[product % s_categories.Length];

    /// <summary>A restriction as the engine sees it, and the same as a predicate on a row.</summary>
    private static IEnumerable<(string Name, Func<Session, Condition> Condition, Func<Sale, bool> Visible)> Restrictions() =>
    [
        ("shop", s => s.Tables["Sales"]["Shop"] == "S1", r => r.Shop == "S1"),
        ("shops", s => s.Tables["Sales"]["Shop"].IsIn("S1", "S3"), r => r.Shop is "S1" or "S3"),
        ("joined category", s => s.Tables["Products"]["Category"] == "C2", r => CategoryOf(r.Product) == "C2"),
        ("shop and category", s => (s.Tables["Sales"]["Shop"] == "S2") & (s.Tables["Products"]["Category"] == "C1"), r => r.Shop == "S2" && CategoryOf(r.Product) == "C1"),
        ("shop or category", s => (s.Tables["Sales"]["Shop"] == "S2") | (s.Tables["Products"]["Category"] == "C3"), r => r.Shop == "S2" || CategoryOf(r.Product) == "C3"),
    ];

    /// <summary>The result as text, numbers to 12 significant digits: sums over fewer rows may differ in the last bits.</summary>
    private static string Render(QueryResult result) =>
        string.Join("\n", Enumerable.Range(0, result.RowCount).Select(r => string.Join(" | ", result.Columns.Select(c =>
            c[r] is double d ? d.ToString("G12", System.Globalization.CultureInfo.InvariantCulture) : c.Format(r)))));

    private static IEnumerable<(string Name, string Result)> Queries(Cube cube, string? user)
    {
        var (shop, category) = (cube.Levels["Shop"], cube.Levels["Category"]);
        var measures = new[] { cube.Measures["Amount.SUM"], cube.Measures["contributors.COUNT"], cube.Measures["Distinct products"] };
        var postProcessed = new[] { cube.Measures["Share of all shops"], cube.Measures["Share of category"], cube.Measures["Shop rank"], cube.Measures["Previous shop"] };
        yield return ("grand total", Render(cube.Query(measures, user: user)));
        yield return ("by shop", Render(cube.Query(measures, [shop], user: user)));
        yield return ("by category", Render(cube.Query(measures, [category], user: user)));
        yield return ("by shop and category, with totals", Render(cube.Query(measures, [shop, category], includeTotals: true, user: user)));
        yield return ("by shop, filtered", Render(cube.Query(measures, [shop], filter: category == "C1", user: user)));
        yield return ("by category and shop, with empty rows", Render(cube.Query(measures, [category, shop], includeEmptyRows: true, user: user)));
        yield return ("post-processed, by shop", Render(cube.Query(postProcessed, [shop], user: user)));
        yield return ("post-processed, by category and shop, with totals", Render(cube.Query(postProcessed, [category, shop], includeTotals: true, user: user)));
        var options = new QueryOptions { User = user, Mode = QueryMode.Raw };
        foreach (var mdx in (string[])[
            "SELECT {[Measures].[Amount.SUM], [Measures].[Distinct products]} ON 0, [Sales].[Shop].Members ON 1 FROM [Sales]",
            "SELECT {[Measures].[Share of all shops], [Measures].[Shop rank], [Measures].[Previous shop]} ON 0, [Products].[Category].Members * [Sales].[Shop].[Shop].Members ON 1 FROM [Sales]",
            "WITH MEMBER [Measures].[Average] AS [Measures].[Amount.SUM] / [Measures].[contributors.COUNT] SELECT {[Measures].[Average]} ON 0, NON EMPTY [Sales].[Shop].[Shop].Members ON 1 FROM [Sales] WHERE [Products].[Category].[C1]",
            "SELECT {[Measures].[Amount.SUM]} ON 0, TopCount([Sales].[Shop].[Shop].Members, 2, [Measures].[Amount.SUM]) ON 1 FROM [Sales]",
        ])
        {
            // A member the user may not see is unknown, as it is in the copy: the same error.
            string answer;
            try
            {
                answer = Render(cube.Session.QueryMdx(mdx, options, TestContext.Current.CancellationToken));
            }
            catch (MdxException error)
            {
                answer = error.Message;
            }
            yield return (mdx, answer);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(1234)]
    public void ARestrictedUserSeesWhatAQueryOverOnlyTheirRowsWouldSee(int seed)
    {
        var random = new Random(seed);
        var sales = Enumerable.Range(0, 400).Select(i => new Sale(i, $"S{random.Next(1, 5)}", random.Next(0, 12), Math.Round(random.NextDouble() * 100, 2))).ToList();
        var (session, cube) = Build(sales);
        using var _ = session;
        foreach (var (name, condition, visible) in Restrictions())
        {
            session.Security.Restrictions["ROLE_R"] = condition(session);
            session.Security.IndividualRoles["alice"] = ["ROLE_R"];
            // The copy's products are those of the visible rows: a member without visible facts is not the user's to see.
            var (copy, copyCube) = Build([.. sales.Where(visible)], sales.Where(visible).Select(s => s.Product).Distinct().Order());
            using (copy)
            {
                // Not a test that cannot fail: the restriction changes the grand total.
                var everything = Render(cube.Query([cube.Measures["Amount.SUM"]]));
                Assert.NotEqual(everything, Render(cube.Query([cube.Measures["Amount.SUM"]], user: "alice")));
                Assert.Contains(sales.Where(visible).Count().ToString(System.Globalization.CultureInfo.InvariantCulture), Queries(cube, "alice").First().Result, StringComparison.Ordinal);
                foreach (var ((query, restricted), (_, expected)) in Queries(cube, "alice").Zip(Queries(copyCube, null)))
                {
                    Assert.True(expected == restricted, $"seed {seed}, restriction '{name}', query '{query}':\nexpected\n{expected}\nactual\n{restricted}");
                }
            }
        }
    }

    [Fact]
    public void SeveralRolesSeeTheUnionAndAdminsAndUnrestrictedUsersEverything()
    {
        var sales = Enumerable.Range(0, 60).Select(i => new Sale(i, $"S{i % 4 + 1}", i % 12, i)).ToList();
        var (session, cube) = Build(sales);
        using var _ = session;
        var table = session.Tables["Sales"];
        session.Security.Restrictions["ROLE_S1"] = table["Shop"] == "S1";
        session.Security.Restrictions["ROLE_S2"] = table["Shop"] == "S2";
        session.Security.IndividualRoles["both"] = ["ROLE_S1", "ROLE_S2"];
        session.Security.IndividualRoles["root"] = ["ROLE_S1", Roles.Admin];
        double Total(string? user) => cube.Query([cube.Measures["Amount.SUM"]], user: user).Column("Amount.SUM").GetDouble(0)!.Value;
        Assert.Equal(sales.Where(s => s.Shop is "S1" or "S2").Sum(s => s.Amount), Total("both"));
        Assert.Equal(sales.Sum(s => s.Amount), Total("root"));
        Assert.Equal(sales.Sum(s => s.Amount), Total("nobody-restricted"));
        Assert.Equal(sales.Sum(s => s.Amount), Total(null));
        // A change applies to the next query (and the cache keeps each user's cells apart).
        session.Security.Restrictions["ROLE_S2"] = table["Shop"] == "S3";
        Assert.Equal(sales.Where(s => s.Shop is "S1" or "S3").Sum(s => s.Amount), Total("both"));
    }
}
