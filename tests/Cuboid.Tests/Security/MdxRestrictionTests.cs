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
        // A slicer within the restriction narrows it further; outside it, nothing is left.
        Assert.Null(session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE [Store].[USA].[OR]", new QueryOptions { User = "ca-manager" }, token).CellSet![0].Value);
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
        var outside = session.DrillthroughMdx("DRILLTHROUGH MAXROWS 100000 SELECT FROM [Sales] WHERE [Store].[USA].[WA]", new QueryOptions { User = "or-manager" }, token);
        Assert.Equal(0, outside.RowCount);
    }
}
