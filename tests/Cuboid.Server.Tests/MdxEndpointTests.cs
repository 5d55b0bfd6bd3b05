using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Cuboid.Server.Tests;

[Collection(FoodMartCollection.Name)]
public sealed class MdxEndpointTests(FoodMartServer foodMart)
{
    private const string StatesByGender = """
        SELECT {[Measures].[Unit Sales], [Measures].[Profit]} * [Gender].[Gender].Members ON COLUMNS,
               [Store].[USA].Children ON ROWS
        FROM [Sales] WHERE [Time].[1997].[Q1]
        """;

    private readonly ServedSession _served = foodMart.Served;

    [Fact]
    public async Task QueryReturnsTheCellSetOfQueryMdx()
    {
        using var response = await _served.PostMdxAsync("/api/mdx", StatesByGender);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var expected = _served.Session.QueryMdx(StatesByGender).CellSet!;

        var axes = json.GetProperty("axes");
        Assert.Equal(2, axes.GetArrayLength());
        for (var a = 0; a < 2; a++)
        {
            var positions = axes[a].GetProperty("positions").EnumerateArray().ToList();
            Assert.Equal(expected.Axes[a].Positions.Count, positions.Count);
            for (var p = 0; p < positions.Count; p++)
            {
                var members = positions[p].GetProperty("members").EnumerateArray().ToList();
                Assert.Equal(expected.Axes[a].Positions[p].Members.Select(m => m.UniqueName), members.Select(m => m.GetProperty("uniqueName").GetString()));
            }
        }
        var wa = axes[1].GetProperty("positions")[2].GetProperty("members")[0];
        Assert.Equal("[Store].[USA].[WA]", wa.GetProperty("uniqueName").GetString());
        Assert.Equal("WA", wa.GetProperty("caption").GetString());
        Assert.Equal("[Store].[Store State]", wa.GetProperty("levelUniqueName").GetString());
        Assert.Equal("[Store]", wa.GetProperty("hierarchyUniqueName").GetString());
        Assert.Equal(2, wa.GetProperty("depth").GetInt32());
        Assert.Equal("[Time].[1997].[Q1]", json.GetProperty("slicer").GetProperty("members")[0].GetProperty("uniqueName").GetString());

        var cells = json.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(expected.Cells.Count, cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            Assert.Equal(i, cells[i].GetProperty("ordinal").GetInt32());
            Assert.Equal(expected.Cells[i].FormattedValue, cells[i].GetProperty("formattedValue").GetString());
            if (expected.Cells[i].Value is null) Assert.Equal(JsonValueKind.Null, cells[i].GetProperty("value").ValueKind);
            else Assert.Equal(Convert.ToDouble(expected.Cells[i].Value, System.Globalization.CultureInfo.InvariantCulture), cells[i].GetProperty("value").GetDouble(), 6);
        }
    }

    [Fact]
    public async Task BadMdxIsA400ProblemWithTheDiagnostic()
    {
        using var response = await _served.PostMdxAsync("/api/mdx", "SELECT\n  [Measures].[Unit Sales] ON COLUMNS\nFROM [Sales] WHERE Nowhere([Store])");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        var diagnostic = problem.GetProperty("diagnostics")[0];
        Assert.StartsWith("MDX", diagnostic.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(20, diagnostic.GetProperty("column").GetInt32());

        using var syntax = await _served.PostMdxAsync("/api/mdx", "SELECT FROM");
        var syntaxProblem = await syntax.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Equal(1, syntaxProblem.GetProperty("diagnostics")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task MissingMdxAndInvalidJsonAreBadRequests()
    {
        using var empty = await _served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), ServedSession.Json(new { }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var invalid = await _served.Client.PostAsync(new Uri("/api/mdx", UriKind.Relative), new StringContent("{nope"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownCubeInFromIsA404()
    {
        using var response = await _served.PostMdxAsync("/api/mdx", "SELECT FROM [Nope]");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("MDX0103", problem.GetProperty("diagnostics")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task BodiesOverOneMegabyteAre413()
    {
        var mdx = "SELECT FROM [Sales] /*" + new string('x', 1_100_000) + "*/";
        // Expect: 100-continue, as HTTP intends for large bodies: the server refuses from the headers,
        // so the client never sends the body (sending it would race the server closing the connection).
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/mdx", UriKind.Relative)) { Content = ServedSession.Json(new { mdx }) };
        request.Headers.ExpectContinue = true;
        using var response = await _served.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ExplainReturnsThePlan()
    {
        using var response = await _served.PostMdxAsync("/api/mdx/explain", StatesByGender);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("SELECT", plan.GetProperty("statement").GetString());
        Assert.Equal("Sales", plan.GetProperty("cube").GetString());
        Assert.Equal([4, 3], plan.GetProperty("axes").EnumerateArray().Select(a => a.GetInt32()));
        Assert.True(plan.GetProperty("requests").GetArrayLength() > 0);
    }

    [Fact]
    public async Task DrillthroughReturnsTheFactRows()
    {
        const string mdx = "DRILLTHROUGH SELECT FROM [Sales] WHERE ([Store].[USA].[WA].[Yakima], [Gender].[F]) RETURN [Measures].[Unit Sales], [Store].[Store City]";
        using var response = await _served.PostMdxAsync("/api/mdx/drillthrough", mdx);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var expected = _served.Session.DrillthroughMdx(mdx);
        Assert.Equal(expected.Columns.Select(c => c.Name), json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.RowCount, rows.Count);
        Assert.All(rows, r => Assert.Equal("Yakima", r[1].GetString()));
        Assert.Equal(expected.Rows().Sum(r => Convert.ToDouble(r[0], System.Globalization.CultureInfo.InvariantCulture)), rows.Sum(r => r[0].GetDouble()), 6);
    }

    /// <summary>A long drillthrough a page at a time: MAXROWS rows from an offset, with the total of all the cell's rows.</summary>
    [Fact]
    public async Task ADrillthroughIsReadAPageAtATimeWithItsTotal()
    {
        const string Mdx = "DRILLTHROUGH MAXROWS 100 SELECT FROM [Sales] WHERE [Store].[USA].[WA].[Yakima]";
        var all = _served.Session.DrillthroughMdx("DRILLTHROUGH SELECT FROM [Sales] WHERE [Store].[USA].[WA].[Yakima]");
        Assert.True(all.RowCount > 250, $"{all.RowCount} rows");
        async Task<JsonElement> PageAsync(int offset)
        {
            using var response = await _served.Client.PostAsync(new Uri("/api/mdx/drillthrough", UriKind.Relative), ServedSession.Json(new { mdx = Mdx, offset }), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        }
        var third = await PageAsync(200);
        Assert.Equal(all.RowCount, third.GetProperty("total").GetInt64());
        var rows = third.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Math.Min(100, all.RowCount - 200), rows.Count);
        // The page's rows are the whole drillthrough's rows 200 to 299, in the same order.
        var expected = all.Rows().Skip(200).First();
        Assert.Equal(Convert.ToDouble(expected[0], System.Globalization.CultureInfo.InvariantCulture), rows[0][0].GetDouble());
        Assert.Equal(0, (await PageAsync(all.RowCount)).GetProperty("rows").GetArrayLength());
        using var negative = await _served.Client.PostAsync(new Uri("/api/mdx/drillthrough", UriKind.Relative), ServedSession.Json(new { mdx = Mdx, offset = -1 }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }

    [Fact]
    public async Task CsvIsTheQueryAsATable()
    {
        using var response = await _served.PostMdxAsync("/api/mdx/csv", "SELECT {[Measures].[Unit Sales], [Measures].[Store Sales]} ON COLUMNS, [Store].[Store Country].Members ON ROWS FROM [Sales]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Store,Unit Sales,Store Sales", lines[0]);
        Assert.Equal(4, lines.Length);
        var usa = lines.Single(l => l.StartsWith("USA,", StringComparison.Ordinal)).Split(',');
        var expected = _served.Session.QueryMdx("SELECT {[Measures].[Unit Sales]} ON COLUMNS FROM [Sales] WHERE [Store].[USA]").CellSet!.Cells[0].Value;
        Assert.Equal(Convert.ToDouble(expected, System.Globalization.CultureInfo.InvariantCulture), double.Parse(usa[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The web app's export: a total column is "Total" (not the All member's name), numbers as their format shows them.</summary>
    [Fact]
    public async Task CsvNamesTotalsAndRoundsNumbersAsShown()
    {
        const string Mdx = "SELECT Crossjoin({[Gender].[All Gender], [Gender].[F]}, {[Measures].[Store Sales]}) ON COLUMNS, [Store].[Store Country].Members ON ROWS FROM [Sales]";
        using var response = await _served.PostMdxAsync("/api/mdx/csv", Mdx);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Store,Total / Store Sales,F / Store Sales", lines[0]);
        var cells = _served.Session.QueryMdx(Mdx).CellSet!;
        var usa = lines.Single(l => l.StartsWith("USA,", StringComparison.Ordinal)).Split(',');
        var row = cells.Axes[1].Positions.Single(p => p.Members[0].Name == "USA").Ordinal;
        var cell = cells[0, row];
        // Store Sales is formatted with two decimals: the export has them, not the sum's last bits.
        Assert.Matches(@"^\d+(\.\d{1,2})?$", usa[1]);
        Assert.Equal(Math.Round(Convert.ToDouble(cell.Value, System.Globalization.CultureInfo.InvariantCulture), 2), double.Parse(usa[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(".", cell.FormattedValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPathsAreProblemsAndOtherPathsServeTheWebApp()
    {
        using var api = await _served.Client.GetAsync(new Uri("/api/nothing", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/", "/dashboards/42" })
        {
            using var page = await _served.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
        }
    }
}
