using System.Xml.Linq;
using static Cuboid.Server.Tests.Xmla.XmlaSoap;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>
/// The requests Excel sends for a PivotTable (ExcelPivotSession.txt), replayed in order against the
/// served FoodMart session: every answer is well-formed, none is a fault, and each says what Excel
/// needs from it (the properties it checks, the rowsets' schemas and rows, the pivot's cells).
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class ExcelSessionTests(FoodMartServer foodMart)
{
    [Fact]
    public async Task ExcelsPivotTableSessionIsAnsweredStepByStep()
    {
        var steps = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Xmla", "ExcelPivotSession.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.Equal(25, steps.Count);
        string? session = null;
        var answers = new List<XDocument>();
        foreach (var step in steps)
        {
            var header = step[4] switch
            {
                "begin" => """<BeginSession xmlns="urn:schemas-microsoft-com:xml-analysis"/>""",
                "session" => $"""<Session xmlns="urn:schemas-microsoft-com:xml-analysis" SessionId="{session}"/>""",
                "end" => $"""<EndSession xmlns="urn:schemas-microsoft-com:xml-analysis" SessionId="{session}"/>""",
                _ => "",
            };
            var body = step[0] == "Discover" ? Discover(step[1], Pairs(step[2]), Pairs(step[3]), header) : Execute(step[1], Pairs(step[3]), header);
            var answer = await PostAsync(foodMart.Served.Client, body);
            Assert.True(Fault(answer) is null, $"{step[0]} {step[1]}: {Fault(answer)}");
            if (step[4] == "begin") session = answer.Descendants(XmlaNs + "Session").Single().Attribute("SessionId")!.Value;
            answers.Add(answer);
        }

        // The properties Excel checks before it goes on: a string DBMSVersion, no sub-selects, drilling functions.
        Assert.Equal(["DBMSVersion", "ProviderVersion", "MdpropMdxSubqueries", "MdpropMdxDrillFunctions", "MdpropMdxNamedSets"], answers[..5].Select(a => Rows(a).Single()["PropertyName"]));
        Assert.Equal(["string", "0", "3"], [Rows(answers[0])[0]["PropertyType"], Rows(answers[2])[0]["Value"], Rows(answers[3])[0]["Value"]]);
        Assert.NotNull(session);
        Assert.Equal("MDP", Rows(answers[6]).Single()["ProviderType"]);
        // The rowsets' restrictions, in order; Excel looks for the visibility ones.
        var hierarchies = answers[7].Descendants(Rowset + "row").Single(r => r.Element(Rowset + "SchemaName")!.Value == "MDSCHEMA_HIERARCHIES");
        Assert.Contains("HIERARCHY_VISIBILITY", hierarchies.Elements(Rowset + "Restrictions").Select(r => r.Element(Rowset + "Name")!.Value));
        Assert.Equal("Cuboid", Rows(answers[8]).Single()["CATALOG_NAME"]);
        // A restriction that never matches: no row, and the schema that tells Excel the columns.
        Assert.Empty(Rows(answers[9]));
        Assert.Contains("CUBE_NAME", answers[9].Descendants(XNamespace.Get("http://www.w3.org/2001/XMLSchema") + "element").Select(e => (string?)e.Attribute("name")));
        Assert.Equal("Sales", Rows(answers[10]).Single()["CUBE_NAME"]);
        Assert.Equal("Sales", Rows(answers[11]).Single()["MEASUREGROUP_NAME"]);
        Assert.Contains(Rows(answers[12]), r => r["DIMENSION_UNIQUE_NAME"] == "[Measures]" && r["DIMENSION_TYPE"] == "2");
        Assert.Contains(Rows(answers[13]), r => r["HIERARCHY_UNIQUE_NAME"] == "[Product]" && r["ALL_MEMBER"] == "[Product].[All Products]");
        Assert.Contains(Rows(answers[14]), r => r["LEVEL_UNIQUE_NAME"] == "[Product].[Product Family]" && r["LEVEL_CARDINALITY"] == "3");
        Assert.Contains(Rows(answers[15]), r => r["MEASURE_UNIQUE_NAME"] == "[Measures].[Unit Sales]" && r["DEFAULT_FORMAT_STRING"] == "Standard");
        Assert.Contains(Rows(answers[16]), r => r["DIMENSION_UNIQUE_NAME"] == "[Product]");
        Assert.Contains(Rows(answers[19]), r => r["PROPERTY_NAME"] == "FORMAT_STRING");
        Assert.Equal(["[Product].[All Products]"], Rows(answers[20]).Select(r => r["MEMBER_UNIQUE_NAME"]));
        // The pivot: the product families with their total, then Drink expanded against the stores.
        Assert.Equal(["[Product].[All Products]", "[Product].[Drink]", "[Product].[Food]", "[Product].[Non-Consumable]"], Members(answers[21], "Axis0"));
        Assert.Equal(["266773", "24597", "191940", "50236"], answers[21].Descendants(MdDataSet + "Cell").Select(c => c.Element(MdDataSet + "Value")!.Value));
        var expanded = Members(answers[22], "Axis0");
        Assert.Equal(["[Product].[All Products]", "[Product].[Drink]", "[Product].[Drink].[Alcoholic Beverages]"], expanded[..3]);
        Assert.Contains("[Store].[USA]", Members(answers[22], "Axis1"));
        // Drilling through a cell: its fact rows, as a rowset.
        Assert.InRange(Rows(answers[23]).Count, 1, 1000);
        Assert.Equal("Cuboid", Rows(answers[24]).Single()["CATALOG_NAME"]);
    }

    private static List<string> Members(XDocument answer, string axis) =>
        [.. answer.Descendants(MdDataSet + "Axis").Single(a => (string?)a.Attribute("name") == axis).Descendants(MdDataSet + "UName").Select(u => u.Value)];

    private static List<(string, string)> Pairs(string text) =>
        [.. text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (p[0], p[1]))];
}
