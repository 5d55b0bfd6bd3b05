using System.Text;
using Cuboid.Storage;
using nietras.SeparatedValues;

namespace Cuboid.Loading;

/// <summary>
/// Reads CSV files into row batches for a table: in parallel byte ranges when the file allows
/// it (<see cref="CsvRangeReader"/>; gzip files, see <see cref="SourceStreams"/>, in blocks cut
/// as they inflate), else row by row. Rows that do not fit the table, or whose quote never closes,
/// are rejected with their file, line and column; damaged gzip data and text not in the file's
/// encoding fail the whole read (<see cref="CsvErrors"/>); nothing reaches the table until the
/// caller commits the batches.
/// </summary>
internal static class CsvSource
{
    public static SepReaderOptions SepOptions(CsvOptions options)
    {
        if (options.Quote != '"') throw new ArgumentException($"Quote '{options.Quote}' is not supported: CSV fields are quoted with '\"'.", nameof(options));
        var sep = options.Separator is { } c ? new Sep(c) : (Sep?)null;
        // The header is read as an ordinary row (see ReadHeader): Sep would throw its own error on a duplicate name.
        return new SepReaderOptions(sep) { HasHeader = false, Unescape = true, DisableColCountCheck = true, CultureInfo = options.Culture ?? System.Globalization.CultureInfo.InvariantCulture };
    }

    /// <summary>
    /// Opens <paramref name="file"/> positioned on its first data row: the header row (line 1) is skipped.
    /// <paramref name="strict"/>: text not in the encoding is an error (reading the data), not U+FFFD
    /// (a glance at the first rows for their types leaves errors to the read, which locates them).
    /// </summary>
    public static SepReader Open(string file, CsvOptions options, bool strict)
    {
        var reader = OpenRaw(file, options, strict);
        try
        {
            MoveNext(reader, file, 1, options);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The SepReader returned owns the StreamReader and disposes it; a failed open disposes it here.")]
    private static SepReader OpenRaw(string file, CsvOptions options, bool strict = false)
    {
        var encoding = strict ? CsvErrors.DecodingOf(options) : options.Encoding ?? Encoding.UTF8;
        var text = new StreamReader(SourceStreams.Open(file), encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        try
        {
            return SepOptions(options).From(text);   // reads the first row: a small damaged gzip file, or a first row beyond Sep's limit, fails here
        }
        catch (InvalidDataException e)
        {
            text.Dispose();
            throw CsvErrors.Damaged(file, 1, e);
        }
        catch (NotSupportedException)
        {
            text.Dispose();
            throw CsvErrors.RowTooLong(file, 1);
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw CsvErrors.InvalidText(file, 1, null, text.CurrentEncoding, e.BytesUnknown ?? [], exact: false);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    /// <summary>The separator Sep detects on the header of <paramref name="file"/>.</summary>
    public static char DetectSeparator(string file, CsvOptions options)
    {
        using var reader = OpenRaw(file, options);
        return reader.Spec.Sep.Separator;
    }

    /// <summary>The header of <paramref name="file"/> after renames; duplicate names are an error naming the file.</summary>
    public static string[] ReadHeader(string file, CsvOptions options)
    {
        using var reader = OpenRaw(file, options);
        if (!MoveNext(reader, file, 1, options))
        {
            throw new LoadException($"{file}:1: the file is empty; a header row is expected.", [new RejectedRow(file, 1, null, "no header")]);
        }
        var row = reader.Current;
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            var name = row[i].ToString();
            names[i] = options.ColumnRenames?.GetValueOrDefault(name) ?? name;
        }
        var duplicate = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new LoadException($"{file}:1: the column '{duplicate.Key}' appears twice in the header.", [new RejectedRow(file, 1, duplicate.Key, "duplicate column")]);
        }
        return names;
    }

    public static LoadResult Read(IReadOnlyList<string> files, TableStore table, CsvOptions options)
    {
        var parser = new TextParser(options);
        var result = new LoadResult();
        var failFast = options.ErrorHandling == ErrorHandling.Fail;
        foreach (var file in files)
        {
            var header = ReadHeader(file, options);
            var map = MapColumns(file, header, table);
            // The separator is detected once, on the header: a byte range detecting it again on data rows
            // could pick another one ("1,1;2;3" reads as ';'-separated).
            var fileOptions = options.Separator is null ? options with { Separator = DetectSeparator(file, options) } : options;
            var rows = new CsvRowParser(table, map, parser, fileOptions);
            var before = result.RowsRead;
            void Progress(long read) => options.Progress?.Report(before + read);
            var parallel = !CsvRangeReader.Supports(options.Encoding) ? null
                : SourceStreams.IsGzip(file) ? CsvRangeReader.ReadGzip(file, header, rows, fileOptions, () => failFast, Progress)
                : CsvRangeReader.Read(file, header, rows, fileOptions, () => failFast, Progress);
            if (parallel is { Complete: true })
            {
                result.Batches.AddRange(parallel.Batches);
                result.Rejected.AddRange(parallel.Rejected);
                result.RowsRead += parallel.RowsRead;
            }
            else
            {
                ReadSequential(file, header.Length, rows, result, failFast);   // quoted line breaks, or an encoding that cannot be cut
            }
            options.Progress?.Report(result.RowsRead);
            if (failFast && result.Rejected.Count > 0) break;
        }
        return result;
    }

    private static void ReadSequential(string file, int headerFields, CsvRowParser parser, LoadResult result, bool failFast)
    {
        using var reader = Open(file, parser.Options, strict: true);
        var batch = new RowBatch(parser.TableColumns, Chunk.Size);
        var line = 1;   // the header's
        while (MoveNext(reader, file, line + 1, parser.Options))
        {
            var row = reader.Current;
            line = row.LineNumberToExcl - 1;
            result.RowsRead++;
            if (row.Span.Count('"') % 2 == 1)
            {
                // Sep ends a row whose quote never closes at the end of the file, as if it had closed there.
                result.Rejected.Add(new RejectedRow(file, row.LineNumberFrom, null, CsvErrors.UnclosedQuote));
            }
            else if (row.ColCount != headerFields)
            {
                result.Rejected.Add(new RejectedRow(file, row.LineNumberFrom, null, $"the row has {row.ColCount} fields, the header has {headerFields}"));
            }
            else if (parser.TryAdd(row, batch) is { } error)
            {
                result.Rejected.Add(new RejectedRow(file, row.LineNumberFrom, error.Column, error.Reason));
            }
            if (failFast && result.Rejected.Count > 0) return;
            if (batch.Count < Chunk.Size) continue;
            result.Batches.Add(batch);
            batch = new RowBatch(parser.TableColumns, Chunk.Size);
        }
        if (batch.Count > 0) result.Batches.Add(batch);
    }

    /// <summary>
    /// Sep's MoveNext, with damaged gzip data, a row beyond Sep's limit and invalid text reported at
    /// <paramref name="line"/> (where reading had got to: invalid text is found as a block is decoded,
    /// so it is at that line or after it).
    /// </summary>
    public static bool MoveNext(SepReader reader, string file, long line, CsvOptions options)
    {
        try
        {
            return reader.MoveNext();
        }
        catch (InvalidDataException e)
        {
            throw CsvErrors.Damaged(file, line, e);
        }
        catch (NotSupportedException)
        {
            throw CsvErrors.RowTooLong(file, line);
        }
        catch (DecoderFallbackException e)
        {
            throw CsvErrors.InvalidText(file, line, null, CsvErrors.DecodingOf(options), e.BytesUnknown ?? [], exact: false);
        }
    }

    /// <summary>For each table column, the index of its field in the file; a missing column is an error naming the file.</summary>
    private static int[] MapColumns(string file, string[] header, TableStore table)
    {
        var map = new int[table.Columns.Count];
        for (var t = 0; t < map.Length; t++)
        {
            map[t] = Array.IndexOf(header, table.Columns[t].Name);
            if (map[t] < 0)
            {
                throw new LoadException(
                    $"{file}:1: the table '{table.Name}' has a column '{table.Columns[t].Name}' that the file does not have (its columns: {string.Join(", ", header)}).",
                    [new RejectedRow(file, 1, table.Columns[t].Name, "missing column")]);
            }
        }
        return map;
    }
}
