namespace Cuboid.Mdx.Syntax;

/// <summary>A range of characters in the query text: offsets always refer to the original text, even inside quoted formulas.</summary>
internal readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The span from offset <paramref name="start"/> up to (not including) offset <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public static TextSpan Cover(TextSpan first, TextSpan last) => FromBounds(first.Start, Math.Max(first.End, last.End));

    public override string ToString() => $"[{Start}..{End})";
}

/// <summary>The query text, with line:column lookup for spans (line starts are computed on first use).</summary>
internal sealed class SourceText(string text)
{
    private int[]? _lineStarts;

    public string Text { get; } = text;

    public string this[TextSpan span] => Text.Substring(span.Start, span.Length);

    /// <summary>1-based line and column of <paramref name="offset"/>; \n, \r\n and \r all end a line.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(starts, offset);
        if (index < 0) index = ~index - 1;
        return (index + 1, offset - starts[index] + 1);
    }

    /// <summary>"line:column" of <paramref name="offset"/>, as used in messages.</summary>
    public string Position(int offset)
    {
        var (line, column) = GetLineColumn(offset);
        return $"{line}:{column}";
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (c is '\r' or '\n') starts.Add(i + 1);
        }
        return [.. starts];
    }
}
