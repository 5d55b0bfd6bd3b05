namespace Cuboid.Tests.Mdx;

/// <summary>
/// One case of an <c>.mdxtest</c> file: a name, an MDX query and what it must give — Mondrian's
/// traditional text of the result (checked against a live Mondrian 3.11 when written), or an error
/// as <c>MDX0111 at 1:14</c>.
/// </summary>
/// <remarks>
/// The format: cases separated by a line <c>====</c>; in each, a first line <c># name</c>, the
/// query, a line <c>----</c>, then the expected text. Further <c>#</c> lines before the query are
/// comments (where the answer comes from, why Cuboid differs).
/// </remarks>
internal sealed record MdxCase(string File, string Name, string Mdx, string Expected)
{
    public static IEnumerable<MdxCase> Read(string path)
    {
        var text = System.IO.File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var block in text.Split("\n====\n"))
        {
            var lines = block.Trim('\n').Split('\n');
            if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
            {
                throw new FormatException($"{path}: a case starts with '# name': {lines.FirstOrDefault()}");
            }
            var separator = Array.IndexOf(lines, "----");
            if (separator < 0) throw new FormatException($"{path}: case '{lines[0][2..]}' has no '----' line");
            var query = string.Join('\n', lines[1..separator].Where(l => !l.StartsWith('#')));
            yield return new MdxCase(Path.GetFileName(path), lines[0][2..].Trim(), query.Trim(), string.Join('\n', lines[(separator + 1)..]).Trim());
        }
    }

    /// <summary>The error a case expects (<c>MDX0111 at 1:14</c>), or null when it expects a result.</summary>
    public (string Code, int Line, int Column)? ExpectedError =>
        System.Text.RegularExpressions.Regex.Match(Expected, @"^(MDX\d{4}) at (\d+):(\d+)$") is { Success: true } m
            ? (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
}
