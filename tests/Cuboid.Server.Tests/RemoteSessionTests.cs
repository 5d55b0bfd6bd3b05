using System.Net;
using static Cuboid.Server.Tests.Security.SecuredSession;

namespace Cuboid.Server.Tests;

/// <summary>Session.Connect against a real served session: discovery, MDX and table queries equal the local ones, live queries stream commits, errors are the local ones.</summary>
public sealed class RemoteSessionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARemoteSessionAnswersAsTheLocalOneDoes()
    {
        var (served, _) = Security.SecuredSession.Start();
        using var _ = served;
        var local = served.Session;
        using var remote = Session.Connect(local.Link!, RemoteCredentials.Basic("alice", "secret-a"));

        Assert.Equal(["Sales"], await remote.CubeNamesAsync(Token));
        var cube = await remote.CubeAsync("Sales", Token);
        var here = local.Cubes["Sales"].Describe();
        Assert.Equal(here.Measures.Select(m => m.UniqueName), cube.Measures.Select(m => m.UniqueName));
        Assert.Equal(here.Hierarchies.SelectMany(h => h.Levels).Select(l => l.UniqueName), cube.Hierarchies.SelectMany(h => h.Levels).Select(l => l.UniqueName));

        var cells = await remote.QueryMdxAsync(SmallCube.QuantityByShop, Token);
        var expected = local.QueryMdx(SmallCube.QuantityByShop).CellSet!;
        Assert.Equal("Sales", cells.Cube);
        Assert.Equal(expected.Axes[1].Positions.Select(p => p.Members[0].UniqueName), cells.Axes[1].Positions.Select(p => p.Members[0].UniqueName));
        Assert.Equal(expected.Cells.Select(c => (Convert.ToDouble(c.Value, System.Globalization.CultureInfo.InvariantCulture), c.FormattedValue)),
            cells.Cells.Select(c => ((double)c.Value!, c.FormattedValue)));

        var table = await remote.QueryAsync("Sales", ["Quantity.SUM"], ["[Sales].[Shop].[Shop]"], Token);
        var localTable = local.QueryMdx("SELECT {[Measures].[Quantity.SUM]} ON COLUMNS, NON EMPTY [Sales].[Shop].[Shop].Members ON ROWS FROM [Sales]");
        Assert.Equal(localTable.Columns.Select(c => c.Name), table.Columns.Select(c => c.Name));
        Assert.Equal("Quantity.SUM", table.Columns[1].Name);
        Assert.Equal(["Lyon", "Paris"], Enumerable.Range(0, table.RowCount).Select(r => table.Columns[0][r]));
        Assert.Equal([5.0, 3.0], Enumerable.Range(0, table.RowCount).Select(r => Convert.ToDouble(table.Columns[1][r], System.Globalization.CultureInfo.InvariantCulture)));

        var invalid = await Assert.ThrowsAsync<MdxException>(() => remote.QueryMdxAsync("SELECT [Measures].[Nothing] ON COLUMNS FROM [Sales]", Token));
        Assert.Equal(MdxErrorCodes.UnknownMember, invalid.Diagnostics[0].Code);
    }

    [Fact]
    public async Task ALiveQueryStreamsAResultAfterEachCommit()
    {
        var (served, sales) = Security.SecuredSession.Start();
        using var _ = served;
        using var remote = Session.Connect(served.Session.Link!, RemoteCredentials.Basic("bob", "secret-b"));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var totals = new List<double>();
        await foreach (var result in remote.LiveQueryMdxAsync("SELECT [Measures].[Quantity.SUM] ON COLUMNS FROM [Sales]", stop.Token))
        {
            totals.Add((double)result.Cells[0].Value!);
            if (totals.Count == 1) sales.Append([3, "Nice", 4]);
            if (totals.Count == 2) break;
        }
        Assert.Equal([8.0, 12.0], totals);
    }

    [Fact]
    public async Task AWrongPasswordOrAddressIsToldPlainly()
    {
        var (served, _) = Security.SecuredSession.Start();
        using var _ = served;
        using var remote = Session.Connect(served.Session.Link!, RemoteCredentials.Basic("alice", "wrong"));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => remote.CubeNamesAsync(Token));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("GET /api/cubes: 401", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Basic (hidden)", RemoteCredentials.Basic("alice", "wrong").ToString());
        Assert.Equal("'ftp://x' is not the http(s) address of a session. (Parameter 'url')", Assert.Throws<ArgumentException>(() => Session.Connect("ftp://x")).Message);
    }
}
