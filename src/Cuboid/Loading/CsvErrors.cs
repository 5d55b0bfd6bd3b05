using System.Text;

namespace Cuboid.Loading;

/// <summary>
/// The errors of a CSV file as a whole — damaged gzip data, a row beyond Sep's limit, text not in
/// its encoding, a quote never closed — each naming the file and the line; and the decoding that
/// makes invalid text an error rather than U+FFFD.
/// </summary>
internal static class CsvErrors
{
    /// <summary>Sep reads rows of up to 16 M characters; a longer one is most often an unterminated quote.</summary>
    public const int MaxRowChars = 16 << 20;

    /// <summary>
    /// The error of a file whose gzip data breaks off at <paramref name="line"/> or after it (every line
    /// before it inflated intact): the whole read fails, so nothing of it is loaded.
    /// </summary>
    public static LoadException Damaged(string file, long line, InvalidDataException e) =>
        new($"{file}:{line}: {e.Message}, at this line or after it; nothing was loaded from the file.", [new RejectedRow(file, line, null, e.Message)]);

    public static LoadException RowTooLong(string file, long line) =>
        new($"{file}:{line}: the row is longer than {MaxRowChars >> 20} M characters (an unterminated quote?); nothing was loaded from the file.",
            [new RejectedRow(file, line, null, $"a row longer than {MaxRowChars >> 20} M characters")]);

    /// <summary>Text that is not valid in the file's encoding, where it was found: a field of a line, or a line and maybe after it.</summary>
    public static LoadException InvalidText(string file, long line, string? column, Encoding encoding, byte[] bytes, bool exact)
    {
        var where = column is null ? "" : $", column '{column}'";
        var after = exact ? "" : " at this line or after it";
        var hex = string.Join(' ', bytes.Take(8).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        var reason = $"bytes {hex} are not valid {encoding.WebName}{after}";
        return new($"{file}:{line}{where}: {reason}; nothing was loaded from the file (CsvOptions.Encoding names the file's encoding; ReplaceInvalidText keeps such bytes as U+FFFD).",
            [new RejectedRow(file, line, column, reason)]);
    }

    public const string UnclosedQuote = "a quote opened on this line is never closed: the rest of the file would be one field";

    /// <summary>The encoding to decode with: the options', failing on invalid bytes unless they allow replacing them.</summary>
    public static Encoding DecodingOf(CsvOptions options)
    {
        var encoding = options.Encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        if (options.ReplaceInvalidText) return encoding;
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        return strict;
    }
}
