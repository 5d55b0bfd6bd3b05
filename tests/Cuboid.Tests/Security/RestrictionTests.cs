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

    private static (Session Session, Cube Cube) Build(IReadOnlyList<Sale> sales, int products)
    {
        var session = TestData.NewSession();
        var table = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Product"] = DataType.Int, ["Amount"] = DataType.Double }, keys: ["Id"]);
        if (sales.Count > 0) table.Append([.. sales.Select(s => new object?[] { s.Id, s.Shop, s.Product, s.Amount })]);
        var productTable = session.CreateTable("Products", new Dictionary<string, DataType> { ["Product"] = DataType.Int, ["Category"] = DataType.String }, keys: ["Product"]);
        productTable.Append([.. Enumerable.Range(0, products).Select(p => new object?[] { p, CategoryOf(p) })]);
        table.Join(productTable);
        return (session, session.CreateCube(table));
    }

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

    private static string Render(QueryResult result) =>
        string.Join("\n", Enumerable.Range(0, result.RowCount).Select(r => string.Join(" | ", result.Columns.Select(c => c.Format(r)))));

    private static IEnumerable<(string Name, QueryResult Result)> Queries(Cube cube, string? user)
    {
        var (shop, category) = (cube.Levels["Shop"], cube.Levels["Category"]);
        var measures = new[] { cube.Measures["Amount.SUM"], cube.Measures["contributors.COUNT"] };
        yield return ("grand total", cube.Query(measures, user: user));
        yield return ("by shop", cube.Query(measures, [shop], user: user));
        yield return ("by category", cube.Query(measures, [category], user: user));
        yield return ("by shop and category, with totals", cube.Query(measures, [shop, category], includeTotals: true, user: user));
        yield return ("by shop, filtered", cube.Query(measures, [shop], filter: category == "C1", user: user));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(42)]
    [InlineData(1234)]
    public void ARestrictedUserSeesWhatAQueryOverOnlyTheirRowsWouldSee(int seed)
    {
        var random = new Random(seed);
        var sales = Enumerable.Range(0, 400).Select(i => new Sale(i, $"S{random.Next(1, 5)}", random.Next(0, 12), Math.Round(random.NextDouble() * 100, 2))).ToList();
        var (session, cube) = Build(sales, 12);
        using var _ = session;
        foreach (var (name, condition, visible) in Restrictions())
        {
            session.Security.Restrictions["ROLE_R"] = condition(session);
            session.Security.IndividualRoles["alice"] = ["ROLE_R"];
            var (copy, copyCube) = Build([.. sales.Where(visible)], 12);
            using (copy)
            {
                // Not a test that cannot fail: the restriction changes the grand total.
                var everything = Render(cube.Query([cube.Measures["Amount.SUM"]]));
                Assert.NotEqual(everything, Render(cube.Query([cube.Measures["Amount.SUM"]], user: "alice")));
                Assert.Contains(sales.Where(visible).Count().ToString(System.Globalization.CultureInfo.InvariantCulture), Render(Queries(cube, "alice").First().Result), StringComparison.Ordinal);
                foreach (var ((query, restricted), (_, expected)) in Queries(cube, "alice").Zip(Queries(copyCube, null)))
                {
                    Assert.True(Render(expected) == Render(restricted), $"seed {seed}, restriction '{name}', query '{query}':\nexpected\n{Render(expected)}\nactual\n{Render(restricted)}");
                }
            }
        }
    }

    [Fact]
    public void SeveralRolesSeeTheUnionAndAdminsAndUnrestrictedUsersEverything()
    {
        var sales = Enumerable.Range(0, 60).Select(i => new Sale(i, $"S{i % 4 + 1}", i % 12, i)).ToList();
        var (session, cube) = Build(sales, 12);
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
