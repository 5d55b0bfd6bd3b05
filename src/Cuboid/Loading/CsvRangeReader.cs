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

    public static Outcome Read(string file, int headerFields, CsvRowParser parser, CsvOptions options, Func<bool> failFast, Action<long> progress)
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
            var result = ParseBlock(bytes, 0, bytes.Length, file, headerFields, parser, options);
            results[r] = result;
            progress(Interlocked.Add(ref rowsRead, result.Rows));
            if (result.Sequential || (result.Rejected.Count > 0 && failFast())) Volatile.Write(ref stop, 1);
        }));
        return Merge(results, rowsRead);
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
    /// lines; incomplete when a block is missing (the read stopped) or needs the sequential reader.
    /// </summary>
    private static Outcome Merge(IReadOnlyList<RangeResult?> results, long rowsRead)
    {
        if (results.Any(r => r is null || r.Sequential)) return new Outcome(false, [], [], 0);
        var batches = new List<RowBatch>();
        var rejected = new List<RejectedRow>();
        var line = 1L + 1;   // the header is line 1
        foreach (var result in results)
        {
            batches.AddRange(result!.Batches);
            rejected.AddRange(result.Rejected.Select(x => x with { Line = x.Line + line - 1 }));
            line += result.Lines;
        }
        return new Outcome(true, batches, rejected, rowsRead);
    }

    /// <summary>What a block held; <c>Sequential</c> when only the sequential reader can read the file (a row of several lines, or too long for Sep).</summary>
    private sealed record RangeResult(List<RowBatch> Batches, List<RejectedRow> Rejected, long Rows, long Lines, bool Sequential);

    /// <summary>Tokenizes (Sep) and parses <paramref name="count"/> bytes of whole lines into batches; line numbers are local to the block.</summary>
    private static RangeResult ParseBlock(byte[] bytes, int offset, int count, string file, int headerFields, CsvRowParser parser, CsvOptions options)
    {
        var block = bytes.AsSpan(offset, count);
        var lines = (long)block.Count((byte)'\n');
        if (count > 0 && block[^1] != '\n') lines++;
        var batches = new List<RowBatch>();
        var rejected = new List<RejectedRow>();
        long rows = 0;
        var sepOptions = CsvSource.SepOptions(options) with { HasHeader = false };
        using var text = new StreamReader(new MemoryStream(bytes, offset, count, writable: false), options.Encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
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
            catch (NotSupportedException)
            {
                return new RangeResult([], [], rows, lines, Sequential: true);   // a row beyond Sep's limit: the sequential reader says where
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
            batches.Add(batch);
            batch = new RowBatch(parser.TableColumns, Chunk.Size);
        }
        if (batch.Count > 0) batches.Add(batch);
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
