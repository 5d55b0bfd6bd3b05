using Cuboid.Results;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx.Conformance;

/// <summary>One Mondrian conformance record and how Cuboid did on it.</summary>
public sealed record ConformanceOutcome(string File, string Name, string Kind, IReadOnlyList<string> Features, bool Passed, string Expected, string Actual);

/// <summary>
/// Runs the records of Mdx/Conformance/mondrian on the FoodMart cube and renders each result
/// the way the record's kind expects (README there): the traditional text of the whole result
/// (query), the one cell's formatted value (expr), or the positions of axis 1 (axis).
/// </summary>
internal static class MondrianConformance
{
    public static readonly string[] Files = ["core_axis.json", "core_expr.json", "edge_queries.json"];

    public static List<ConformanceOutcome> Run(Session session, QueryOptions? options = null)
    {
        var outcomes = new List<ConformanceOutcome>();
        foreach (var file in Files)
        {
            foreach (var (name, kind, mdx, expected, features) in ConformanceData.Records(file))
            {
                string actual;
                try
                {
                    var cells = session.QueryMdx(mdx, options).CellSet!;
                    actual = kind switch
                    {
                        "expr" => cells.Cells.Count == 0 ? "" : cells.Cells[0].FormattedValue,
                        "axis" => string.Join("\n", cells.Axes[0].Positions.Select(p => p.ToString())),
                        _ => TraditionalText.Render(cells),
                    };
                }
                catch (MdxException error)
                {
                    actual = "ERROR " + error.Message;
                }
                catch (Exception error)
                {
                    actual = "CRASH " + error.GetType().Name + ": " + error.Message;
                }
                outcomes.Add(new ConformanceOutcome(file, name, kind, features, Normalize(actual) == Normalize(expected), expected, actual));
            }
        }
        return outcomes;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n', ' ');
}
