using Cuboid.Tests.Mdx.Execution;

namespace Cuboid.Tests.Security;

/// <summary>Row-level security on the MDX path: a query run as a user reads only the facts their roles allow.</summary>
[Collection(FoodMartCollection.Name)]
public sealed class MdxRestrictionTests(FoodMartSession foodMart)
{
    [Fact]
    public void ARoleRestrictedToCaliforniaSeesCaliforniasUnitSales()
    {
        var session = foodMart.Session;
        session.Security.Restrictions["ROLE_CALIFORNIA"] = session.Tables["store"]["store_state"] == "CA";
        session.Security.IndividualRoles["ca-manager"] = ["ROLE_CALIFORNIA"];
        var token = TestContext.Current.CancellationToken;
        const string Mdx = "SELECT {[Measures].[Unit Sales]} ON 0, NON EMPTY [Store].[Store State].Members ON 1 FROM [Sales]";

        // 74,748: California's Unit Sales in FoodMart 1997, the figure Mondrian's FoodMart results give [Store].[USA].[CA]
        // (and its role tests for a California manager); checked here against the unrestricted query of that member.
        Assert.Equal(74_748d, session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE [Store].[USA].[CA]", null, token).CellSet![0].Value);
        var restricted = session.QueryMdx(Mdx, new QueryOptions { User = "ca-manager" }, token).CellSet!;
        Assert.Equal(["[Store].[USA].[CA]"], restricted.Axes[1].Positions.Select(p => p.Members[0].UniqueName));
        Assert.Equal(74_748d, restricted[0, 0].Value);
        var total = session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales]", new QueryOptions { User = "ca-manager" }, token).CellSet!;
        Assert.Equal(74_748d, total[0].Value);

        // The same cells for everyone else: the cache keeps the restricted user's apart.
        var everyone = session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales]", null, token).CellSet!;
        Assert.Equal(266_773d, everyone[0].Value);
        Assert.Equal(74_748d, session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales]", new QueryOptions { User = "ca-manager" }, token).CellSet![0].Value);
        // A slicer within the restriction narrows it further; a member outside it does not exist for the user.
        const string SanDiego = "SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE [Store].[USA].[CA].[San Diego]";
        var sanDiego = session.QueryMdx(SanDiego, null, token).CellSet![0].Value;
        Assert.InRange(Convert.ToDouble(sanDiego, System.Globalization.CultureInfo.InvariantCulture), 1, 74_747);
        Assert.Equal(sanDiego, session.QueryMdx(SanDiego, new QueryOptions { User = "ca-manager" }, token).CellSet![0].Value);
        Assert.Contains("MDX0102", ErrorOf("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE [Store].[USA].[OR]", "ca-manager"), StringComparison.Ordinal);
    }

    [Fact]
    public void ADrillthroughReturnsOnlyTheRowsTheUserMaySee()
    {
        var session = foodMart.Session;
        session.Security.Restrictions["ROLE_OREGON"] = session.Tables["store"]["store_state"] == "OR";
        session.Security.IndividualRoles["or-manager"] = ["ROLE_OREGON"];
        var token = TestContext.Current.CancellationToken;
        var oregon = session.DrillthroughMdx("DRILLTHROUGH MAXROWS 100000 SELECT FROM [Sales] WHERE [Store].[USA].[OR]", null, token);
        var restricted = session.DrillthroughMdx("DRILLTHROUGH MAXROWS 100000 SELECT FROM [Sales]", new QueryOptions { User = "or-manager" }, token);
        Assert.True(oregon.RowCount > 1000, $"{oregon.RowCount} rows");
        Assert.Equal(oregon.RowCount, restricted.RowCount);
        var portland = session.DrillthroughMdx("DRILLTHROUGH MAXROWS 100000 SELECT FROM [Sales] WHERE [Store].[USA].[OR].[Portland]", new QueryOptions { User = "or-manager" }, token);
        Assert.InRange(portland.RowCount, 1, oregon.RowCount - 1);
        Assert.Throws<MdxException>(() => session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [Sales] WHERE [Store].[USA].[WA]", new QueryOptions { User = "or-manager" }, token));
    }

    private string[] Names(string mdx, string user) =>
        [.. foodMart.Session.QueryMdx(mdx, new QueryOptions { User = user }, TestContext.Current.CancellationToken).CellSet!.Axes[1].Positions.Select(p => p.Members[0].UniqueName)];

    private string ErrorOf(string mdx, string? user) =>
        Assert.Throws<MdxException>(() => foodMart.Session.QueryMdx(mdx, new QueryOptions { User = user }, TestContext.Current.CancellationToken)).Message;

    [Fact]
    public void MemberFunctionsListOnlyTheMembersWithFactsTheUserMaySee()
    {
        var session = foodMart.Session;
        session.Security.Restrictions["ROLE_PORTLAND"] = session.Tables["store"]["store_city"] == "Portland";
        session.Security.IndividualRoles["portland"] = ["ROLE_PORTLAND"];
        Assert.Equal(["[Store].[USA]"], Names("SELECT {} ON 0, [Store].[Store Country].Members ON 1 FROM [Sales]", "portland"));
        Assert.Equal(["[Store].[USA].[OR]"], Names("SELECT {} ON 0, [Store].[USA].Children ON 1 FROM [Sales]", "portland"));
        Assert.Equal(["[Store].[All Stores]", "[Store].[USA]", "[Store].[USA].[OR]", "[Store].[USA].[OR].[Portland]", "[Store].[USA].[OR].[Portland].[Store 11]"],
            Names("SELECT {} ON 0, [Store].AllMembers ON 1 FROM [Sales]", "portland"));
        Assert.Equal(["[Store].[USA].[OR].[Portland]"], Names("SELECT {} ON 0, [Store].[Store City].Members ON 1 FROM [Sales]", "portland"));
        // Everyone else still sees every store.
        Assert.Equal(25, session.QueryMdx("SELECT {} ON 0, [Store].[Store Name].Members ON 1 FROM [Sales]", null, TestContext.Current.CancellationToken).CellSet!.Axes[1].Positions.Count);

        // A member the user may not see is as unknown as one that does not exist: the same error, the name aside.
        var hidden = ErrorOf("SELECT {} ON 0, {[Store].[USA].[CA]} ON 1 FROM [Sales]", "portland");
        var missing = ErrorOf("SELECT {} ON 0, {[Store].[USA].[QQ]} ON 1 FROM [Sales]", "portland");
        Assert.Equal(missing.Replace("QQ", "CA", StringComparison.Ordinal), hidden);
        Assert.Contains("MDX0102", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public void HierarchiesAndMeasuresHiddenFromARoleAreUnknownNamesToIt()
    {
        var session = foodMart.Session;
        var cube = foodMart.Cube;
        session.Security.IndividualRoles["clerk"] = ["ROLE_CLERK"];
        session.Security.IndividualRoles["hr"] = ["ROLE_HR"];
        var customers = cube.Hierarchies.First(h => h.Dimension == "Customers");
        var cost = cube.Measures["Store Cost"];
        customers.Roles = ["ROLE_HR"];
        cost.Roles = ["ROLE_HR"];
        try
        {
            var token = TestContext.Current.CancellationToken;
            const string ByCountry = "SELECT {[Measures].[Unit Sales]} ON 0, [Customers].[Country].Members ON 1 FROM [Sales]";
            var hiddenHierarchy = ErrorOf(ByCountry, "clerk");
            Assert.Equal(ErrorOf(ByCountry.Replace("[Customers]", "[Customerz]", StringComparison.Ordinal), "clerk").Replace("Customerz", "Customers", StringComparison.Ordinal), hiddenHierarchy);
            const string CostQuery = "SELECT {[Measures].[Store Cost]} ON 0 FROM [Sales]";
            Assert.Equal(ErrorOf(CostQuery.Replace("Store Cost", "Store Coast", StringComparison.Ordinal), "clerk").Replace("Store Coast", "Store Cost", StringComparison.Ordinal), ErrorOf(CostQuery, "clerk"));
            // The measures list does not have it; totals still count every customer.
            var measures = session.QueryMdx("SELECT [Measures].Members ON 0 FROM [Sales]", new QueryOptions { User = "clerk" }, token).CellSet!.Axes[0].Positions.Select(p => p.Members[0].Name).ToList();
            Assert.DoesNotContain("Store Cost", measures);
            Assert.Contains("Unit Sales", measures);
            Assert.Equal(266_773d, session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales]", new QueryOptions { User = "clerk" }, token).CellSet![0].Value);
            // Their role sees them, admins too.
            Assert.Equal(3, session.QueryMdx(ByCountry, new QueryOptions { User = "hr" }, token).CellSet!.Axes[1].Positions.Count);
            Assert.Equal(3, session.QueryMdx(ByCountry, new QueryOptions { User = "root", Roles = [Roles.Admin] }, token).CellSet!.Axes[1].Positions.Count);
            // The C# API refuses them as unknown names too.
            var error = Assert.Throws<KeyNotFoundException>(() => cube.Query([cost], user: "clerk"));
            Assert.Equal($"Cube 'Sales' has no measure 'Store Cost'.", error.Message);
            Assert.Throws<KeyNotFoundException>(() => cube.Query([cube.Measures["Unit Sales"]], [customers.Levels[0]], user: "clerk"));
            // A drillthrough neither returns their columns nor lets them be named.
            var columns = session.DrillthroughMdx("DRILLTHROUGH MAXROWS 1 SELECT FROM [Sales]", new QueryOptions { User = "clerk" }, token).Columns.Select(c => c.Name).ToList();
            Assert.DoesNotContain("store_cost", columns);
            Assert.Contains("unit_sales", columns);
            const string Countries = "DRILLTHROUGH MAXROWS 1 SELECT FROM [Sales] RETURN [customer].[country]";
            Assert.Contains("MDX", ErrorOf(Countries, "clerk"), StringComparison.Ordinal);
            Assert.Equal(1, session.DrillthroughMdx(Countries, new QueryOptions { User = "hr" }, token).RowCount);
        }
        finally
        {
            customers.Roles = [];
            cost.Roles = [];
        }
    }

    /// <summary>The public discovery API (what the server's discovery routes serve): a user's members and structure.</summary>
    [Fact]
    public void DiscoveryShowsAUserTheirMembersAndStructure()
    {
        var session = foodMart.Session;
        var cube = foodMart.Cube;
        session.Security.Restrictions["ROLE_SALEM"] = session.Tables["store"]["store_city"] == "Salem";
        session.Security.IndividualRoles["salem"] = ["ROLE_SALEM"];
        var cities = cube.Members("[Store].[Store City]", user: "salem");
        Assert.Equal(1, cities.Total);
        Assert.Equal(["[Store].[USA].[OR].[Salem]"], cities.Members.Select(m => m.UniqueName));
        var all = cube.Members("[Store].[Store City]", search: "sa", offset: 1, limit: 2);
        Assert.True(all.Total >= 3, $"{all.Total}");
        Assert.Equal(2, all.Members.Count);
        Assert.All(all.Members, m => Assert.Contains("sa", m.Caption, StringComparison.OrdinalIgnoreCase));
        Assert.Throws<KeyNotFoundException>(() => cube.Members("[Store].[Nope]"));

        var gender = cube.Hierarchies.First(h => h.Dimension == "Gender");
        gender.Roles = ["ROLE_HR"];
        try
        {
            Assert.DoesNotContain(cube.Describe(user: "salem").Hierarchies, h => h.Dimension == "Gender");
            Assert.Contains(cube.Describe().Hierarchies, h => h.Dimension == "Gender");
            Assert.Throws<KeyNotFoundException>(() => cube.Members("[Gender].[Gender]", user: "salem"));
            var store = cube.Describe().Hierarchies.Single(h => h.UniqueName == "[Store]");
            Assert.Equal(["(All)", "Store Country", "Store State", "Store City", "Store Name"], store.Levels.Select(l => l.Name));
            Assert.Equal(0, store.Levels[0].Depth);
        }
        finally
        {
            gender.Roles = [];
        }
    }
}
