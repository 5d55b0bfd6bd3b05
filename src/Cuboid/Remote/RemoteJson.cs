using System.Text.Json;
using Cuboid.Results;

namespace Cuboid;

/// <summary>The server's JSON (docs/server-api.md) read back into the engine's own types, so a remote result is the same object as a local one.</summary>
internal static class RemoteJson
{
    public static CellSet CellSet(JsonElement json, string cube)
    {
        var axes = json.GetProperty("axes").EnumerateArray()
            .Select((axis, a) => new CellSetAxis(a, Mdx.Syntax.AxisSpecification.NameOf(a), [.. axis.GetProperty("positions").EnumerateArray().Select((p, i) => Position(p, i))]))
            .ToList();
        var slicer = json.GetProperty("slicer");
        var cells = json.GetProperty("cells").EnumerateArray()
            .Select(c => new Cell(c.GetProperty("ordinal").GetInt32(), Value(c.GetProperty("value")), c.GetProperty("formattedValue").GetString() ?? ""))
            .ToList();
        return new CellSet(axes, new CellSetAxis(-1, "SLICER", [Position(slicer, 0)]), cells) { Cube = cube };
    }

    private static Position Position(JsonElement position, int ordinal) => new(ordinal, [.. position.GetProperty("members").EnumerateArray().Select(m => new Member(
        m.GetProperty("uniqueName").GetString()!, m.GetProperty("name").GetString()!, m.GetProperty("caption").GetString()!,
        m.GetProperty("hierarchyUniqueName").GetString()!, m.GetProperty("levelUniqueName").GetString()!, m.GetProperty("depth").GetInt32()))]);

    /// <summary>Numbers as doubles (NaN and infinities arrive as their names), texts as texts.</summary>
    private static object? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() is { } text && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var named)
            && text is "NaN" or "Infinity" or "-Infinity" ? named : value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static CubeStructure Cube(JsonElement json)
    {
        string Text(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var hierarchies = json.GetProperty("dimensions").EnumerateArray().SelectMany(d => d.GetProperty("hierarchies").EnumerateArray().Select(h => new HierarchyInfo(
            Text(d, "name"), Text(h, "name"), Text(h, "uniqueName"), h.GetProperty("slicing").GetBoolean(), Optional(h, "allMemberName"), Optional(h, "folder"), h.GetProperty("visible").GetBoolean(),
            [.. h.GetProperty("levels").EnumerateArray().Select(l => new LevelInfo(Text(l, "name"), Text(l, "uniqueName"), l.GetProperty("depth").GetInt32()) { Caption = Optional(l, "caption") ?? Text(l, "name") })])
        {
            Caption = Optional(h, "caption") ?? Text(h, "name"),
            DimensionCaption = Optional(d, "caption") ?? Text(d, "name"),
        })).ToList();
        var measures = json.GetProperty("measures").EnumerateArray().Select(m => new MeasureInfo(
            Text(m, "name"), Text(m, "uniqueName"), Optional(m, "folder"), Optional(m, "formatter"), m.GetProperty("visible").GetBoolean(), Optional(m, "description"))
        {
            Caption = Optional(m, "caption") ?? Text(m, "name"),
        }).ToList();
        return new CubeStructure(Text(json, "name"), hierarchies, measures) { Caption = Optional(json, "caption") ?? Text(json, "name") };
    }

    /// <summary>An error response as an exception: an MDX error as the <see cref="MdxException"/> a local query throws, another as what the server said.</summary>
    public static Exception Error(string request, int status, string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.TryGetProperty("diagnostics", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0)
            {
                return new MdxException([.. list.EnumerateArray().Select(d => new MdxDiagnostic(
                    d.GetProperty("code").GetString()!, d.GetProperty("message").GetString()!, d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(),
                    d.GetProperty("offset").GetInt32(), d.GetProperty("length").GetInt32()))]);
            }
            var title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d2) ? d2.GetString() : null;
            return new HttpRequestException($"{request}: {status} {title}{(detail is null ? "" : ": " + detail)}", null, (System.Net.HttpStatusCode)status);
        }
        catch (JsonException)
        {
            return new HttpRequestException($"{request}: {status}", null, (System.Net.HttpStatusCode)status);
        }
    }
}
