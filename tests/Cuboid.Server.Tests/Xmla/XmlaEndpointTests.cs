using System.Net;
using System.Text;
using System.Xml.Linq;
using static Cuboid.Server.Tests.Xmla.XmlaSoap;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>POST /xmla on the served FoodMart session: rowsets, results, sessions, and hostile or malformed requests answered by faults.</summary>
[Collection(FoodMartCollection.Name)]
public sealed class XmlaEndpointTests(FoodMartServer foodMart)
{
    private HttpClient Client => foodMart.Served.Client;

    [Fact]
    public async Task ACellSetIsAMultidimensionalDataSetWithTheCellPropertiesAsked()
    {
        var answer = await PostAsync(Client, Execute(
            "SELECT {[Measures].[Unit Sales], [Measures].[Store Sales]} ON 0, {[Product].[Drink], [Product].[Food]} DIMENSION PROPERTIES PARENT_UNIQUE_NAME ON 1 FROM [Sales] " +
            "CELL PROPERTIES VALUE, FORMATTED_VALUE, FORMAT_STRING, LANGUAGE"));
        var root = answer.Descendants(MdDataSet + "root").Single();
        Assert.Equal("Sales", root.Descendants(MdDataSet + "CubeName").Single().Value);
        Assert.Equal(["Axis0", "Axis1", "SlicerAxis"], root.Descendants(MdDataSet + "AxisInfo").Select(a => (string)a.Attribute("name")!));
        Assert.Equal(["Value", "FmtValue", "FormatString", "Language"], root.Element(MdDataSet + "OlapInfo")!.Element(MdDataSet + "CellInfo")!.Elements().Select(e => e.Name.LocalName));
        var rows = root.Descendants(MdDataSet + "Axis").Single(a => (string?)a.Attribute("name") == "Axis1").Descendants(MdDataSet + "Member").ToList();
        Assert.Equal(["[Product].[Drink]", "[Product].[Food]"], rows.Select(m => m.Element(MdDataSet + "UName")!.Value));
        Assert.Equal(["[Product].[All Products]", "[Product].[All Products]"], rows.Select(m => m.Element(MdDataSet + "PARENT_UNIQUE_NAME")!.Value));
        Assert.Equal(["3", "131087"], rows.Select(m => m.Element(MdDataSet + "DisplayInfo")!.Value));   // 3 and 15 children; Food's sibling precedes it (0x20000)
        var cells = root.Descendants(MdDataSet + "Cell").ToList();
        Assert.Equal(["0", "1", "2", "3"], cells.Select(c => (string)c.Attribute("CellOrdinal")!));
        var first = cells[0];
        Assert.Equal("xsd:double", first.Element(MdDataSet + "Value")!.Attribute(XNamespace.Get("http://www.w3.org/2001/XMLSchema-instance") + "type")!.Value);
        Assert.Equal("24597", first.Element(MdDataSet + "Value")!.Value);
        Assert.Equal("24,597", first.Element(MdDataSet + "FmtValue")!.Value);
        Assert.Equal("Standard", first.Element(MdDataSet + "FormatString")!.Value);
        Assert.Equal("1033", first.Element(MdDataSet + "Language")!.Value);
    }

    [Fact]
    public async Task ClusterFormatDescribesTheSameTuplesAsCrossProducts()
    {
        const string mdx = "SELECT {[Measures].[Unit Sales]} ON 0, {CrossJoin([Gender].[Gender].Members, [Marital Status].[Marital Status].Members), ([Gender].[All Gender], [Marital Status].[All Marital Status])} ON 1 FROM [Sales]";
        var tuples = await PostAsync(Client, Execute(mdx, [("AxisFormat", "TupleFormat")]));
        var clusters = await PostAsync(Client, Execute(mdx, [("AxisFormat", "ClusterFormat")]));
        List<string> Expected(string axis) =>
            [.. tuples.Descendants(MdDataSet + "Axis").Single(a => (string?)a.Attribute("name") == axis).Descendants(MdDataSet + "Tuple")
                .Select(t => string.Join(",", t.Elements(MdDataSet + "Member").Select(m => m.Element(MdDataSet + "UName")!.Value)))];
        List<string> Decoded(string axis)
        {
            var result = new List<string>();
            foreach (var product in clusters.Descendants(MdDataSet + "Axis").Single(a => (string?)a.Attribute("name") == axis).Elements(MdDataSet + "CrossProduct"))
            {
                // The cross product of the member sets, the first hierarchy outermost.
                IEnumerable<string> combined = [""];
                foreach (var members in product.Elements(MdDataSet + "Members"))
                {
                    var names = members.Elements(MdDataSet + "Member").Select(m => m.Element(MdDataSet + "UName")!.Value).ToList();
                    combined = [.. combined.SelectMany(prefix => names.Select(n => prefix.Length == 0 ? n : prefix + "," + n))];
                }
                var list = combined.ToList();
                Assert.Equal(list.Count, (int)product.Attribute("Size")!);
                result.AddRange(list);
            }
            return result;
        }
        Assert.Equal(5, Expected("Axis1").Count);
        Assert.Equal(Expected("Axis1"), Decoded("Axis1"));
        Assert.Equal(Expected("Axis0"), Decoded("Axis0"));
        Assert.Equal(3, clusters.Descendants(MdDataSet + "Axis").Single(a => (string?)a.Attribute("name") == "Axis1").Elements(MdDataSet + "CrossProduct").Count());   // F × 2, M × 2, the totals
        Assert.Equal(tuples.Descendants(MdDataSet + "CellData").Single().ToString(), clusters.Descendants(MdDataSet + "CellData").Single().ToString());
    }

    [Fact]
    public async Task ADrillthroughIsATabularRowset()
    {
        var answer = await PostAsync(Client, Execute("DRILLTHROUGH MAXROWS 5 SELECT FROM [Sales] WHERE ([Store].[USA].[CA].[Los Angeles], [Time].[1997].[Q1])", [("Format", "Tabular")]));
        var rows = Rows(answer);
        Assert.InRange(rows.Count, 1, 5);
        Assert.True(rows[0].Count > 3, "a drillthrough row has its columns");
    }

    [Fact]
    public async Task SessionsBeginAreKeptAndEnd()
    {
        var begun = await PostAsync(Client, Execute("", header: """<BeginSession xmlns="urn:schemas-microsoft-com:xml-analysis"/>"""));
        var id = begun.Descendants(XmlaNs + "Session").Single().Attribute("SessionId")!.Value;
        Assert.True(Guid.TryParse(id, out _));
        var inSession = await PostAsync(Client, Discover("DBSCHEMA_CATALOGS", header: $"""<Session xmlns="urn:schemas-microsoft-com:xml-analysis" SessionId="{id}"/>"""));
        Assert.Equal(id, inSession.Descendants(XmlaNs + "Session").Single().Attribute("SessionId")!.Value);
        Assert.Single(Rows(inSession));
        await PostAsync(Client, Discover("DBSCHEMA_CATALOGS", header: $"""<EndSession xmlns="urn:schemas-microsoft-com:xml-analysis" SessionId="{id}"/>"""));
        var ended = await PostAsync(Client, Discover("DBSCHEMA_CATALOGS", header: $"""<Session xmlns="urn:schemas-microsoft-com:xml-analysis" SessionId="{id}"/>"""));
        Assert.Equal($"XMLA session '{id}' does not exist or has expired; begin a new one.", Fault(ended));
    }

    [Fact]
    public async Task MembersNavigateByTreeOperation()
    {
        async Task<List<string>> Members(string member, int treeOp) =>
            [.. Rows(await PostAsync(Client, Discover("MDSCHEMA_MEMBERS", [("CUBE_NAME", "Sales"), ("MEMBER_UNIQUE_NAME", member), ("TREE_OP", treeOp.ToString(System.Globalization.CultureInfo.InvariantCulture))]))).Select(r => r["MEMBER_UNIQUE_NAME"])];
        Assert.Equal(["[Store].[USA].[CA]", "[Store].[USA].[OR]", "[Store].[USA].[WA]"], await Members("[Store].[USA]", 1));
        Assert.Equal(["[Store].[Canada]", "[Store].[Mexico]"], await Members("[Store].[USA]", 2));
        Assert.Equal(["[Store].[All Stores]"], await Members("[Store].[USA]", 4));
        Assert.Equal(["[Store].[All Stores]", "[Store].[USA]", "[Store].[USA].[CA]"], await Members("[Store].[USA].[CA]", 32 | 8 | 4));
        Assert.Empty(await Members("[Store].[Atlantis]", 8));   // an unknown member: no row, not a fault (clients look calculated members up too)
        var fault = Fault(await PostAsync(Client, Discover("MDSCHEMA_MEMBERS", [("CUBE_NAME", "Sales"), ("MEMBER_UNIQUE_NAME", "[Store]} ON 0 FROM [Sales] --")])));
        Assert.Equal("A restriction on members must be an MDX unique name: [segments] separated by dots.", fault);
    }

    [Fact]
    public async Task MemberPropertiesAreTheLevelsAndCellPropertiesAskedByType()
    {
        var store = Rows(await PostAsync(Client, Discover("MDSCHEMA_PROPERTIES", [("CUBE_NAME", "Sales"), ("LEVEL_UNIQUE_NAME", "[Store].[Store Name]")])));
        Assert.Equal(["Store Type", "Store Manager", "Store Sqft", "Grocery Sqft", "Frozen Sqft", "Meat Sqft", "Has coffee bar", "Street address"], store.Select(r => r["PROPERTY_NAME"]));
        Assert.All(store, r => Assert.Equal("1", r["PROPERTY_TYPE"]));
        Assert.Equal("130", store[0]["DATA_TYPE"]);
        var cells = Rows(await PostAsync(Client, Discover("MDSCHEMA_PROPERTIES", [("CUBE_NAME", "Sales"), ("PROPERTY_TYPE", "2")])));
        Assert.Equal(["VALUE", "FORMATTED_VALUE", "FORMAT_STRING"], cells.Take(3).Select(r => r["PROPERTY_NAME"]));
    }

    [Fact]
    public async Task AnMdxErrorIsAFaultWithItsDiagnostic()
    {
        var answer = await PostAsync(Client, Execute("SELECT {[Measures].[Unit Sales]} ON 0 FROM [Sales] WHERE [Store].[Atlantis]"));
        var fault = Fault(answer)!;
        Assert.Contains("MDX0102", fault, StringComparison.Ordinal);
        Assert.Contains("1:", fault, StringComparison.Ordinal);   // line:column
        Assert.Equal("MDX.MDX0102", answer.Descendants("Error").Single().Attribute("ErrorCode")!.Value);
        Assert.StartsWith("soap:Client.", answer.Descendants("faultcode").Single().Value, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><Discover>", "The request is not well-formed XML (line 1, position " },
        { "<a/>", "The request is not a SOAP 1.1 envelope." },
        { Envelope("<Discover xmlns=\"urn:schemas-microsoft-com:xml-analysis\"><RequestType>MDSCHEMA_NOPE</RequestType></Discover>"), "Unknown Discover request type 'MDSCHEMA_NOPE' (DISCOVER_SCHEMA_ROWSETS lists the rowsets)." },
        { Envelope("<Cancel xmlns=\"urn:schemas-microsoft-com:xml-analysis\"/>"), "Unknown XMLA method 'Cancel': the methods are Discover and Execute." },
        { Execute("SELECT FROM [Nope]"), "MDX0103 (1:13): The session has no cube named 'Nope'." },
        { Discover("DBSCHEMA_CATALOGS", properties: [("Catalog", "Elsewhere")]), "There is no catalog 'Elsewhere'; this server's catalog is 'Cuboid'." },
        { Execute("SELECT FROM [Sales]", [("AxisFormat", "CustomFormat")]), "AxisFormat 'CustomFormat' is not supported: TupleFormat or ClusterFormat." },
        // An external entity would read a file; a DTD at all is refused.
        { "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + Envelope(Execute("&e;")), "The request is not well-formed XML (DTDs are not accepted)." },
        { "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>", "The request is not well-formed XML (DTDs are not accepted)." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequestIsAFaultNamingWhatIsWrong(string body, string message)
    {
        var fault = Fault(await PostAsync(Client, body));
        Assert.NotNull(fault);
        Assert.Contains(message, fault, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", fault, StringComparison.Ordinal);
        await AssertAliveAsync();
    }

    [Fact]
    public async Task A50MegabyteBodyIsAFaultAndTheServerGoesOn()
    {
        var huge = Envelope("<Execute xmlns=\"urn:schemas-microsoft-com:xml-analysis\"><Command><Statement>" + new string('x', 50 << 20) + "</Statement></Command></Execute>");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/xmla", UriKind.Relative)) { Content = new StringContent(huge, Encoding.UTF8, "text/xml") };
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The request is larger than 1 MB.", Fault(XDocument.Parse(text)));
        await AssertAliveAsync();
    }

    private async Task AssertAliveAsync()
    {
        var catalogs = Rows(await PostAsync(Client, Discover("DBSCHEMA_CATALOGS")));
        Assert.Equal("Cuboid", catalogs.Single()["CATALOG_NAME"]);
    }
}
