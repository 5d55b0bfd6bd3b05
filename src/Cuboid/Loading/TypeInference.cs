namespace Cuboid.Loading;

/// <summary>
/// Infers column types from sample text values, narrowest first: Int, Long, Double, Boolean,
/// LocalDate, LocalDateTime, ZonedDateTime (ISO with an offset, Z or a [Region]), LocalTime
/// (HH:mm[:ss[.fffffff]]), else String. Empty fields say nothing; a column with only empty
/// fields is a String column.
/// </summary>
internal static class TypeInference
{
    private static readonly DataType[] s_candidates =
        [DataType.Int, DataType.Long, DataType.Double, DataType.Boolean, DataType.LocalDate, DataType.LocalDateTime, DataType.ZonedDateTime, DataType.LocalTime];

    public static DataType[] InferCsv(string file, string[] header, CsvOptions options)
    {
        var parser = new TextParser(options);
        var possible = header.Select(_ => s_candidates.ToList()).ToArray();
        var seen = new bool[header.Length];
        using var reader = CsvSource.Open(file, options, strict: false);
        var rows = 0;
        var line = 1;   // the last line read: the header's, then each row's last
        while (rows < options.InferenceRows && CsvSource.MoveNext(reader, file, line + 1, options))
        {
            var row = reader.Current;
            line = row.LineNumberToExcl - 1;
            rows++;
            for (var c = 0; c < Math.Min(row.ColCount, header.Length); c++)
            {
                var text = row[c].Span;
                if (text.IsEmpty || parser.IsNullText(text)) continue;
                seen[c] = true;
                for (var i = possible[c].Count - 1; i >= 0; i--)
                {
                    if (!Fits(text, possible[c][i], parser)) possible[c].RemoveAt(i);
                }
            }
        }
        return [.. possible.Select((p, c) => seen[c] && p.Count > 0 ? p[0] : DataType.String)];
    }

    private static bool Fits(ReadOnlySpan<char> text, DataType type, TextParser parser) => type switch
    {
        DataType.Int => parser.TryParse(text, out int _),
        DataType.Long => parser.TryParse(text, out long _),
        DataType.Double => parser.TryParse(text, out double _) && !IsNamedNumber(text),
        DataType.Boolean => parser.TryParseBool(text, out _),
        DataType.LocalDate => parser.TryParseDate(text, out _),
        DataType.LocalDateTime => parser.TryParseDateTime(text, out _),
        DataType.ZonedDateTime => HasZone(text) && TextParser.TryParseZoned(text, out _),
        DataType.LocalTime => parser.TryParse(text, out TimeOnly _),
        _ => true,
    };

    /// <summary>A date-time that says where it is: an offset or Z after the time, or a [Region] — a bare date or local time is not zoned.</summary>
    private static bool HasZone(ReadOnlySpan<char> text)
    {
        if (text.Length > 2 && text[^1] == ']') return true;
        return text.Length > 16 && (text[^1] is 'Z' or 'z' || text[11..].IndexOfAny('+', '-') >= 0);
    }

    // "NaN" or "Infinity" alone should not make a text column numeric.
    private static bool IsNamedNumber(ReadOnlySpan<char> text) => char.IsLetter(text[0]) || char.IsLetter(text[^1]);
}
