using System.Text;
using Cuboid.Storage;
using nietras.SeparatedValues;

namespace Cuboid.Loading;

/// <summary>
/// Reads one CSV file in parallel: the file is cut into byte ranges at line ends and each core
/// tokenizes (Sep) and parses its ranges straight into batches, as DuckDB's parallel CSV reader
/// does. A quoted field holding a line break could straddle a cut; every range that meets a row
/// spanning several lines says so, and the caller then reads the file sequentially instead.
/// Gzip files are cut as they inflate (CsvRangeReader.Gzip.cs).
/// </summary>
internal static partial class CsvRangeReader
{
    private const int RangeBytes = 8 << 20;

    public sealed record Outcome(bool Complete, List<RowBatch> Batches, List<RejectedRow> Rejected, long RowsRead);

    /// <summary>Byte-level cutting needs an encoding where '\n' is one byte and never part of another character.</summary>
    public static bool Supports(Encoding? encoding) =>
        encoding is null || encoding is UTF8Encoding || encoding.CodePage is 20127 or 28591 or 1252;

    public static Outcome Read(string file, string[] header, CsvRowParser parser, CsvOptions options, Func<bool> failFast, Action<long> progress)
    {
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var dataStart = HeaderEnd(handle, length);
        var cuts = Cuts(handle, dataStart, length);
        var ranges = cuts.Length - 1;
        var results = new RangeResult?[ranges];
        var stop = 0;
        long rowsRead = 0;
        Unwrapped(() => Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (r, state) =>
        {
            if (Volatile.Read(ref stop) != 0) { state.Stop(); return; }
            var bytes = new byte[cuts[r + 1] - cuts[r]];
            var read = 0;
            while (read < bytes.Length) read += RandomAccess.Read(handle, bytes.AsSpan(read), cuts[r] + read);
            var result = ParseBlock(bytes, 0, bytes.Length, file, header, parser, options);
            results[r] = result;
            progress(Interlocked.Add(ref rowsRead, result.Rows));
            if (result.Sequential || (result.Rejected.Count > 0 && failFast())) Volatile.Write(ref stop, 1);
        }));
        return Merge(results, rowsRead, file, header, options);
    }

    /// <summary>Where a block's text first is not UTF-8: its line in the block (from 1), its field (counting separators outside quotes), its bytes.</summary>
    private static (long Line, int Field, byte[] Bytes) FirstInvalid(ReadOnlySpan<byte> block, char separator)
    {
        var at = 0;
        while (at < block.Length && System.Text.Rune.DecodeFromUtf8(block[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done) at += consumed;
        var lineStart = block[..at].LastIndexOf((byte)'\n') + 1;
        var line = block[..at].Count((byte)'\n') + 1L;
        var field = 0;
        var quoted = false;
        foreach (var b in block[lineStart..at])
        {
            if (b == '"') quoted = !quoted;
            else if (b == separator && !quoted) field++;
        }
        return (line, field, block[at..Math.Min(block.Length, at + 4)].ToArray());
    }

    /// <summary>Runs a parallel loop and throws a worker's own exception rather than Parallel's AggregateException.</summary>
    private static void Unwrapped(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>
    /// The blocks' batches and rejected rows in file order, their local line numbers made file
    /// lines; incomplete when a block is missing (the read stopped) or needs the sequential reader;
    /// the first block holding invalid text fails the read, at its line and field.
    /// </summary>
    private static Outcome Merge(IReadOnlyList<RangeResult?> results, long rowsRead, string file, string[] header, CsvOptions options)
    {
        var line = 1L + 1;   // the header is line 1
        foreach (var result in results)
        {
            if (result?.Invalid is { } invalid)
            {
                throw CsvErrors.InvalidText(file, line + invalid.Line - 1, invalid.Field < header.Length ? header[invalid.Field] : null, CsvErrors.DecodingOf(options), invalid.Bytes, exact: true);
            }
            if (result is null || result.Sequential) break;
            line += result.Lines;
        }
        if (results.Any(r => r is null || r.Sequential)) return new Outcome(false, [], [], 0);
        var batches = new List<RowBatch>();
        var rejected = new List<RejectedRow>();
        line = 1L + 1;
        foreach (var result in results)
        {
            batches.AddRange(result!.Batches);
            rejected.AddRange(result.Rejected.Select(x => x with { Line = x.Line + line - 1 }));
            line += result.Lines;
        }
        return new Outcome(true, batches, rejected, rowsRead);
    }

    /// <summary>
    /// What a block held; <c>Sequential</c> when only the sequential reader can read the file (a row of
    /// several lines, one too long for Sep, a quote open at the block's end); <c>Invalid</c>: where the
    /// block's text first is not valid UTF-8 (its line in the block, its field).
    /// </summary>
    private sealed record RangeResult(List<RowBatch> Batches, List<RejectedRow> Rejected, long Rows, long Lines, bool Sequential,
        (long Line, int Field, byte[] Bytes)? Invalid = null);

    /// <summary>Tokenizes (Sep) and parses <paramref name="count"/> bytes of whole lines into batches; line numbers are local to the block.</summary>
    private static RangeResult ParseBlock(byte[] bytes, int offset, int count, string file, string[] header, CsvRowParser parser, CsvOptions options)
    {
        var headerFields = header.Length;
        var block = bytes.AsSpan(offset, count);
        var lines = (long)block.Count((byte)'\n');
        if (count > 0 && block[^1] != '\n') lines++;
        // Checked on the bytes, at memory speed: a decoder would turn what is not UTF-8 into U+FFFD unseen.
        if (options.Encoding is null or UTF8Encoding && !options.ReplaceInvalidText && !System.Text.Unicode.Utf8.IsValid(block))
        {
            return new RangeResult([], [], 0, lines, Sequential: false, FirstInvalid(block, options.Separator ?? ','));
        }
        // A quote opened on the block's last line and never closed ends there for Sep, as if closed:
        // only the sequential reader, which sees what follows, can tell the row from a broken one.
        var lastLine = block[..(count > 0 && block[^1] == '\n' ? count - 1 : count)];
        if (lastLine[(lastLine.LastIndexOf((byte)'\n') + 1)..].Count((byte)'"') % 2 == 1) return new RangeResult([], [], 0, lines, Sequential: true);
        var batches = new List<RowBatch>();
        var rejected = new List<RejectedRow>();
        long rows = 0;
        var sepOptions = CsvSource.SepOptions(options) with { HasHeader = false };
        using var text = new StreamReader(new MemoryStream(bytes, offset, count, writable: false), CsvErrors.DecodingOf(options), detectEncodingFromByteOrderMarks: false);
        using var reader = sepOptions.From(text);
        var batch = new RowBatch(parser.TableColumns, Chunk.Size);
        // Sep (0.17) reports LineNumberFrom = 2 for the first row of a reader without header; its
        // LineNumberToExcl is right, so a row starts where the previous one ended.
        var lineFrom = 1;
        while (true)
        {
            try
            {
                if (!reader.MoveNext()) break;
            }
            catch (Exception e) when (e is NotSupportedException or DecoderFallbackException)
            {
                return new RangeResult([], [], rows, lines, Sequential: true);   // a row beyond Sep's limit, text not in the encoding: the sequential reader says where
            }
            var row = reader.Current;
            rows++;
            var line = lineFrom;
            lineFrom = row.LineNumberToExcl;
            if (row.LineNumberToExcl - line > 1) return new RangeResult([], [], rows, lines, Sequential: true);
            if (row.ColCount != headerFields)
            {
                rejected.Add(new RejectedRow(file, line, null, $"the row has {row.ColCount} fields, the header has {headerFields}"));
                continue;
            }
            if (parser.TryAdd(row, batch) is { } error) rejected.Add(new RejectedRow(file, line, error.Column, error.Reason));
            if (batch.Count < Chunk.Size) continue;
            parser.Complete(batch);
            batches.Add(batch);
            batch = new RowBatch(parser.TableColumns, Chunk.Size);
        }
        if (batch.Count > 0)
        {
            parser.Complete(batch);
            batches.Add(batch);
        }
        return new RangeResult(batches, rejected, rows, lines, Sequential: false);
    }

    /// <summary>The offset just past the header line.</summary>
    private static long HeaderEnd(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long length)
    {
        var buffer = new byte[64 << 10];
        for (long offset = 0; offset < length; offset += buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer, offset);
            var i = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (i >= 0) return offset + i + 1;
        }
        return length;
    }

    /// <summary>Range boundaries: every ~8 MB, moved forward to just after a line end.</summary>
    private static long[] Cuts(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long start, long length)
    {
        var cuts = new List<long> { start };
        var buffer = new byte[64 << 10];
        for (var next = start + RangeBytes; next < length; next = cuts[^1] + RangeBytes)
        {
            var found = -1L;
            for (var offset = next; offset < length && found < 0; offset += buffer.Length)
            {
                var n = RandomAccess.Read(handle, buffer, offset);
                if (n <= 0) break;
                var i = buffer.AsSpan(0, n).IndexOf((byte)'\n');
                if (i >= 0) found = offset + i + 1;
            }
            if (found < 0 || found >= length) break;
            cuts.Add(found);
        }
        cuts.Add(length);
        return [.. cuts];
    }
}
