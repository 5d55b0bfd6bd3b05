using System.Globalization;
using System.Text.Json;
using Cuboid.Tests.Support;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>FoodMart served with HTTP Basic logins: the session olap4j connects to.</summary>
public sealed class XmlaFoodMart : IDisposable
{
    public XmlaFoodMart()
    {
        Served = new ServedSession(new SessionConfig { Authentication = new BasicAuthenticationConfig() });
        Cube = FoodMart.Build(Served.Session);
        Served.Session.Security.BasicAuthentication.Add("analyst", "s3cret");
        Served.Session.Security.BasicAuthentication.Add("usa", "s3cret-usa");
        Served.Session.Security.IndividualRoles["usa"] = ["usa-only"];
        Served.Session.Security.Restrictions["usa-only"] = Cube.Levels["Store Country"] == "USA";
    }

    public ServedSession Served { get; }

    public Cube Cube { get; }

    public string Server => Served.Session.Link + "xmla";

    public const string Catalog = "Cuboid";

    public void Dispose() => Served.Dispose();
}

/// <summary>
/// A real XMLA client, olap4j's driver, against the session over HTTP with Basic authentication: the
/// metadata it walks and every cell and member of the Mondrian conformance queries it runs are
/// compared with what the session itself answers, for the same user.
/// </summary>
public sealed class Olap4jClientTests(XmlaFoodMart foodMart) : IClassFixture<XmlaFoodMart>
{
    [Fact]
    public async Task TheMetadataOlap4jWalksIsTheCubesEveryMemberOfEveryLevelIncluded()
    {
        var lines = await Olap4j.RunAsync(foodMart.Server, XmlaFoodMart.Catalog, "analyst", "s3cret", [], members: true);
        var structure = foodMart.Cube.Describe("analyst");
        Assert.Equal(["CATALOG\tCuboid", "CUBE\tSales"], lines.Where(l => l.StartsWith("CATALOG", StringComparison.Ordinal) || l.StartsWith("CUBE", StringComparison.Ordinal)));
        Assert.Equal(structure.Measures.Select(m => m.UniqueName), Field(lines, "MEASURE", 1));
        Assert.Equal(["[Measures]", .. structure.Hierarchies.Select(h => h.UniqueName)], Field(lines, "HIERARCHY", 1));
        Assert.Equal(["[Measures].[MeasuresLevel]", .. structure.Hierarchies.SelectMany(h => h.Levels).Select(l => l.UniqueName)], Field(lines, "LEVEL", 1));
        var members = lines.Where(l => l.StartsWith("MEMBER\t", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        var checkedLevels = 0;
        foreach (var level in structure.Hierarchies.SelectMany(h => h.Levels.Select(l => (Hierarchy: h, Level: l))).Where(x => x.Level.Name != "(All)"))
        {
            var expected = foodMart.Cube.Members(level.Level.UniqueName, limit: 100_000);
            var seen = members.Where(m => m[1] == level.Level.UniqueName).ToList();
            Assert.Equal(expected.Members.Select(m => m.UniqueName), seen.Select(m => m[2]));
            Assert.Equal(expected.Members.Select(m => m.Caption), seen.Select(m => m[3]));
            // Each member's parent is the member its unique name sits under (the All member for the top level).
            foreach (var member in seen)
            {
                var parent = member[5];
                Assert.True(level.Level.Depth == (level.Hierarchy.AllMemberName is null ? 0 : 1) ? parent == (level.Hierarchy.AllMemberName is { } all ? $"{level.Hierarchy.UniqueName}.[{all}]" : "")
                    : member[2].StartsWith(parent + ".", StringComparison.Ordinal), $"{member[2]} has parent '{parent}'");
            }
            checkedLevels++;
        }
        Assert.True(checkedLevels >= 20, $"only {checkedLevels} levels were walked");
        Assert.Equal(10_281, members.Count(m => m[1] == "[Customers].[Name]"));   // FoodMart's customers, every one
    }

    public static TheoryData<string> ConformanceFiles => new("core_axis.json", "core_expr.json", "edge_queries.json");

    [Theory]
    [MemberData(nameof(ConformanceFiles))]
    public async Task EveryConformanceQueryGivesOverXmlaWhatTheSessionGives(string file)
    {
        var queries = Conformance(file);
        var lines = await Olap4j.RunAsync(foodMart.Server, XmlaFoodMart.Catalog, "analyst", "s3cret", queries);
        var results = Results(lines);
        Assert.Equal(queries.Select(q => q.Name), results.Keys);
        var compared = 0;
        foreach (var (name, mdx) in queries)
        {
            var got = results[name];
            QueryResult expected;
            try
            {
                expected = foodMart.Served.Session.QueryMdx(mdx, new QueryOptions { User = "analyst" }, TestContext.Current.CancellationToken);
            }
            catch (MdxException error)
            {
                Assert.True(got.Error is not null, $"{name}: the session refuses it ({error.Diagnostics[0].Code}) but XMLA answered");
                Assert.Contains(error.Diagnostics[0].Code, got.Error, StringComparison.Ordinal);
                continue;
            }
            Assert.True(got.Error is null, $"{name}: XMLA failed: {got.Error}");
            var cells = expected.CellSet!;
            Assert.Equal(cells.Axes.Select(a => a.Positions.Select(p => string.Join(",", p.Members.Select(m => m.UniqueName))).ToList()), got.Axes);
            Assert.Equal(cells.Cells.Count, got.Cells.Count);
            for (var i = 0; i < cells.Cells.Count; i++)
            {
                var (value, formatted) = got.Cells[i];
                var cell = cells.Cells[i];
                Assert.True(cell.Value is null ? value.Length == 0 : Same(cell.Value, value), $"{name} cell {i}: {cell.Value} by the session, '{value}' over XMLA");
                Assert.Equal(cell.Value is null ? "" : cell.FormattedValue, formatted);
            }
            compared++;
        }
        Assert.True(compared > queries.Count / 2, $"{file}: only {compared} of {queries.Count} queries answered");
    }

    [Fact]
    public async Task ARestrictedUserSeesOverXmlaOnlyTheirRowsAndMembers()
    {
        const string mdx = "SELECT {[Measures].[Unit Sales]} ON 0, [Store].[Store Country].Members ON 1 FROM [Sales]";
        var lines = await Olap4j.RunAsync(foodMart.Server, XmlaFoodMart.Catalog, "usa", "s3cret-usa", [("countries", mdx)], members: true);
        Assert.Equal(["[Store].[USA]"], lines.Where(l => l.StartsWith("MEMBER\t[Store].[Store Country]\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[2]));
        var result = Results(lines)["countries"];
        Assert.Equal(["[Store].[USA]"], result.Axes[1]);
        var expected = foodMart.Served.Session.QueryMdx(mdx, new QueryOptions { User = "usa" }, TestContext.Current.CancellationToken).CellSet!;
        Assert.Equal(expected.Cells[0].FormattedValue, result.Cells[0].Formatted);
        Assert.Equal("266,773", result.Cells[0].Formatted);   // FoodMart's 1997 unit sales are all American
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndTheServerGoesOn()
    {
        var error = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => Olap4j.RunAsync(foodMart.Server, XmlaFoodMart.Catalog, "analyst", "wrong", []));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        var lines = await Olap4j.RunAsync(foodMart.Server, XmlaFoodMart.Catalog, "analyst", "s3cret", []);
        Assert.Contains("CUBE\tSales", lines);
    }

    [Fact]
    public async Task AnAnonymousRequestIsChallengedForBasicAsExcelExpects()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/xmla", UriKind.Relative)) { Content = new StringContent(XmlaSoap.Discover("DBSCHEMA_CATALOGS"), System.Text.Encoding.UTF8, "text/xml") };
        using var response = await foodMart.Served.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        var answer = await XmlaSoap.PostAsync(foodMart.Served.Client, XmlaSoap.Discover("DBSCHEMA_CATALOGS"), Security.SecuredSession.Basic("analyst", "s3cret"));
        Assert.Equal("Cuboid", XmlaSoap.Rows(answer).Single()["CATALOG_NAME"]);
    }

    private static List<(string Name, string Mdx)> Conformance(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "conformance", file)));
        return [.. json.RootElement.EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("mdx").GetString()!))];
    }

    private static IEnumerable<string> Field(string[] lines, string kind, int field) =>
        lines.Where(l => l.StartsWith(kind + "\t", StringComparison.Ordinal)).Select(l => l.Split('\t')[field]);

    private static bool Same(object expected, string text) => expected switch
    {
        double d => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && (v == d || Math.Abs(v - d) <= 1e-9 * Math.Max(1, Math.Abs(d))),
        _ => string.Equals(Convert.ToString(expected, CultureInfo.InvariantCulture), text, StringComparison.Ordinal),
    };

    private sealed record QueryOutput(List<List<string>> Axes, List<(string Value, string Formatted)> Cells, string? Error);

    private static Dictionary<string, QueryOutput> Results(string[] lines)
    {
        var results = new Dictionary<string, QueryOutput>(StringComparer.Ordinal);
        QueryOutput? current = null;
        foreach (var line in lines)
        {
            var parts = line.Split('\t');
            switch (parts[0])
            {
                case "QUERY":
                    results[parts[1]] = current = new QueryOutput([], [], null);
                    break;
                case "AXIS":
                    current!.Axes.Add([]);
                    break;
                case "POSITION":
                    current!.Axes[^1].Add(parts[1]);
                    break;
                case "CELL":
                    current!.Cells.Add((parts[2], parts[3]));
                    break;
                case "ERROR":
                    results[results.Keys.Last()] = current = current! with { Error = parts[1] };
                    break;
            }
        }
        return results;
    }
}
