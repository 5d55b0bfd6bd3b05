using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cuboid.Results;

/// <summary>
/// Results as JSON, one shape for every caller — the server's <c>/api/mdx</c> and live queries, and
/// <c>cuboid query --format json</c> (docs/server-api.md; the web app's <c>api/types.ts</c> reads it,
/// web/src/test/cellset.snapshot.json pins it for both).
/// </summary>
internal static class ResultJson
{
    /// <summary>camelCase; NaN and infinities as strings (no JSON number for them); no HTML escaping (JSON for programs).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    private static readonly JsonSerializerOptions s_indented = Create(indented: true);

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    /// <summary>A query's result: its cell set, or a drillthrough's rows.</summary>
    public static string Render(QueryResult result, bool indented = false)
    {
        object shape = result.CellSet is { } cells ? CellSetJson.Of(cells) : DrillthroughJson.Of(result);
        return JsonSerializer.Serialize(shape, shape.GetType(), indented ? s_indented : Options).ReplaceLineEndings("\n");
    }

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        Configure(options);
        return options;
    }
}

/// <summary>A member on an axis or in the slicer.</summary>
internal sealed record MemberJson(string UniqueName, string Name, string Caption, string LevelUniqueName, string HierarchyUniqueName, int Depth);

/// <summary>A position: a tuple of members.</summary>
internal sealed record PositionJson(IReadOnlyList<MemberJson> Members);

/// <summary>An axis: its positions (axis 0 = columns, 1 = rows).</summary>
internal sealed record AxisJson(IReadOnlyList<PositionJson> Positions);

/// <summary>A cell: ordinal = column + row × columns.</summary>
internal sealed record CellJson(int Ordinal, object? Value, string FormattedValue);

/// <summary>An MDX result as docs/server-api.md shapes it.</summary>
internal sealed record CellSetJson(IReadOnlyList<AxisJson> Axes, PositionJson Slicer, IReadOnlyList<CellJson> Cells)
{
    public static CellSetJson Of(CellSet cells) => new(
        [.. cells.Axes.Select(a => new AxisJson([.. a.Positions.Select(Position)]))],
        cells.Slicer.Positions.Count == 0 ? new PositionJson([]) : Position(cells.Slicer.Positions[0]),
        [.. cells.Cells.Select(c => new CellJson(c.Ordinal, Value(c.Value), c.FormattedValue))]);

    private static PositionJson Position(Position position) =>
        new([.. position.Members.Select(m => new MemberJson(m.UniqueName, m.Name, m.Caption, m.LevelUniqueName, m.HierarchyUniqueName, m.Depth))]);

    /// <summary>Numbers stay numbers; anything else (dates, arrays) is sent as its invariant text, as the formatted value would not be.</summary>
    private static object? Value(object? value) => value switch
    {
        null or double or long or int or float or bool or string or decimal => value,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>A drillthrough's columns and rows, and every fact row under its cell (<c>total</c>), of which the rows are a page.</summary>
internal sealed record DrillthroughJson(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, long Total)
{
    public static DrillthroughJson Of(QueryResult result) => new(
        [.. result.Columns.Select(c => c.Name)],
        [.. Enumerable.Range(0, result.RowCount).Select(r => result.Columns.Select(c => c[r] switch
        {
            null or double or long or int or float or bool or string => c[r],
            _ => (object?)c.Format(r),
        }).ToArray())],
        result.TotalRows ?? result.RowCount);
}
