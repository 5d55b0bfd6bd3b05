namespace Cuboid.Cli.Query;

/// <summary>
/// Runs a script of MDX queries on a session and prints each result, in order, separated by
/// <c>=====</c> lines. A failing query prints its diagnostics in its place and the others still run.
/// </summary>
internal static class QueryRunner
{
    /// <summary>Runs every query of <paramref name="script"/>; returns 0 when all succeeded, 1 when any failed.</summary>
    public static int Run(Session session, string script, QueryFormat format, TextWriter output)
    {
        var failed = false;
        var queries = QueryScript.Split(script);
        for (var i = 0; i < queries.Count; i++)
        {
            if (i > 0) output.Write(QueryScript.Separator + "\n");
            string text;
            try
            {
                text = Render(session.QueryMdx(queries[i]), format);
            }
            catch (MdxException e)
            {
                failed = true;
                text = string.Concat(e.Diagnostics.Select(d => $"error {d}\n"));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or NotSupportedException)
            {
                // Not an MDX diagnostic (an engine limit, say), but still this query's failure only.
                failed = true;
                text = $"error: {e.Message}\n";
            }
            output.Write(text.EndsWith('\n') ? text : text + "\n");
        }
        return failed ? 1 : 0;
    }

    public static string Render(QueryResult result, QueryFormat format)
    {
        var cells = result.CellSet ?? throw new InvalidOperationException("An MDX result always has a cell set.");
        return format switch
        {
            QueryFormat.Traditional => Results.TraditionalText.Render(cells),
            QueryFormat.Csv => Cuboid.Results.ResultCsv.Render(result),
            QueryFormat.Json => Cuboid.Results.ResultJson.Render(result, indented: true),
            _ => FormattedTable.Render(result),
        };
    }
}
