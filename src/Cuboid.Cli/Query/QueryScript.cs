namespace Cuboid.Cli.Query;

/// <summary>A file of MDX queries separated by lines holding only <c>=====</c> (the conformance files' convention).</summary>
internal static class QueryScript
{
    public const string Separator = "=====";

    /// <summary>The queries, trimmed; blank ones (a trailing separator, an empty file) are dropped.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var queries = new List<string>();
        var current = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.Trim() == Separator)
            {
                Add();
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        Add();
        return queries;

        void Add()
        {
            var query = string.Join('\n', current).Trim();
            if (query.Length > 0) queries.Add(query);
        }
    }
}
