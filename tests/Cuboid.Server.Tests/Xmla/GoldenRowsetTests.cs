using System.Xml.Linq;
using static Cuboid.Server.Tests.Xmla.XmlaSoap;

namespace Cuboid.Server.Tests.Xmla;

/// <summary>
/// Each Discover rowset of the FoodMart session, with its inline schema, compared with a checked-in
/// answer (Golden/, reviewed by hand against the XMLA specification and [MS-SSAS]) after normalizing
/// whitespace. CUBOID_UPDATE_SNAPSHOTS=1 rewrites them after a deliberate change.
/// </summary>
[Collection(FoodMartCollection.Name)]
public sealed class GoldenRowsetTests(FoodMartServer foodMart)
{
    public static TheoryData<string, string> Rowsets => new()
    {
        { "DISCOVER_DATASOURCES", "" },
        { "DISCOVER_PROPERTIES", "" },
        { "DISCOVER_SCHEMA_ROWSETS", "" },
        { "DISCOVER_ENUMERATORS", "" },
        { "DISCOVER_KEYWORDS", "" },
        { "DISCOVER_LITERALS", "" },
        { "DBSCHEMA_CATALOGS", "" },
        { "DBSCHEMA_SCHEMATA", "" },
        { "DBSCHEMA_TABLES", "" },
        { "DBSCHEMA_COLUMNS", "TABLE_NAME=Sales" },
        { "MDSCHEMA_CUBES", "CUBE_NAME=Sales" },
        { "MDSCHEMA_DIMENSIONS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_HIERARCHIES", "CUBE_NAME=Sales" },
        { "MDSCHEMA_LEVELS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_MEASURES", "CUBE_NAME=Sales" },
        { "MDSCHEMA_MEASUREGROUPS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_MEASUREGROUP_DIMENSIONS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_MEMBERS", "CUBE_NAME=Sales|LEVEL_UNIQUE_NAME=[Store].[Store State]" },
        { "MDSCHEMA_PROPERTIES", "CUBE_NAME=Sales|PROPERTY_TYPE=2" },
        { "MDSCHEMA_SETS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_KPIS", "CUBE_NAME=Sales" },
        { "MDSCHEMA_FUNCTIONS", "FUNCTION_NAME=Descendants" },
    };

    [Theory]
    [MemberData(nameof(Rowsets))]
    public async Task TheRowsetIsAsReviewed(string rowset, string restrictions)
    {
        var pairs = restrictions.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => (p[0], p[1]));
        var answer = await PostAsync(foodMart.Served.Client, Discover(rowset, pairs, [("Content", "SchemaData")]));
        Assert.Null(Fault(answer));
        var root = answer.Descendants(Rowset + "root").Single();
        // The provider's version changes with every release; the rest must not change unnoticed.
        foreach (var value in root.Descendants(Rowset + "Value").Where(v => v.Parent!.Element(Rowset + "PropertyName")?.Value is "DBMSVersion" or "ProviderVersion")) value.Value = "VERSION";
        var actual = root.ToString(SaveOptions.None).ReplaceLineEndings("\n") + "\n";
        var file = Path.Combine(Golden, rowset + ".xml");
        if (Environment.GetEnvironmentVariable("CUBOID_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(file, actual, TestContext.Current.CancellationToken);
            return;
        }
        Assert.True(File.Exists(file), $"{file} is missing: run with CUBOID_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(Normalized(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)), Normalized(actual));
    }

    /// <summary>The checked-in answers, in the source tree (they are reviewed there, not in the build output).</summary>
    private static string Golden => Path.Combine(Repository(), "tests", "Cuboid.Server.Tests", "Xmla", "Golden");

    private static string Normalized(string xml) => XElement.Parse(xml).ToString(SaveOptions.DisableFormatting);

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cuboid.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("The repository holding the tests was not found.");
    }
}
