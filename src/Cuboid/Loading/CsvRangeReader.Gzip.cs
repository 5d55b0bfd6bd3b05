using System.Collections.Concurrent;

namespace Cuboid.Loading;

internal static partial class CsvRangeReader
{
    private const int ReadBytes = 64 << 10;

    private sealed record Block(int Index, byte[] Bytes, int Offset, int Count);

    /// <summary>
    /// Reads a gzip file in parallel: one thread inflates it and cuts the text into blocks of
    /// whole lines, which the cores parse as they come (a gzip stream cannot be cut by offset).
    /// At most a few blocks wait at a time, so memory stays bounded whatever the file's size.
    /// Damaged gzip data fails the read at the line where it broke off.
    /// </summary>
    public static Outcome ReadGzip(string file, int headerFields, CsvRowParser parser, CsvOptions options, Func<bool> failFast, Action<long> progress)
    {
        using var stream = SourceStreams.Open(file);
        using var blocks = new BlockingCollection<Block>(boundedCapacity: Environment.ProcessorCount);
        using var stop = new CancellationTokenSource();
        var results = new ConcurrentDictionary<int, RangeResult>();
        long rowsRead = 0;
        var producer = Task.Run(() =>
        {
            try
            {
                Cut(stream, file, block => blocks.Add(block, stop.Token));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            finally
            {
                blocks.CompleteAdding();
            }
        });
        var partitions = Partitioner.Create(blocks.GetConsumingEnumerable(), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (block, state) =>
        {
            if (stop.IsCancellationRequested) { state.Stop(); return; }
            var result = ParseBlock(block.Bytes, block.Offset, block.Count, file, headerFields, parser, options);
            results[block.Index] = result;
            progress(Interlocked.Add(ref rowsRead, result.Rows));
            if (result.Sequential || (result.Rejected.Count > 0 && failFast())) stop.Cancel();
        });
        producer.GetAwaiter().GetResult();   // damaged data: the LoadException of Cut
        var ordered = new RangeResult?[results.IsEmpty ? 0 : results.Keys.Max() + 1];
        foreach (var (index, result) in results) ordered[index] = result;
        return stop.IsCancellationRequested ? new Outcome(false, [], [], 0) : Merge(ordered, rowsRead);
    }

    /// <summary>
    /// Emits the inflated text after its header line in blocks of about <see cref="RangeBytes"/>
    /// that end at a line end (the last one where the text ends); a line longer than a block grows
    /// it. Damaged data throws the load's error at the line being read when it broke off.
    /// </summary>
    private static void Cut(Stream stream, string file, Action<Block> emit)
    {
        var pending = Array.Empty<byte>();
        var header = true;
        long linesRead = 0;
        for (var index = 0; ;)
        {
            var buffer = new byte[Math.Max(RangeBytes, 2 * pending.Length)];
            pending.CopyTo(buffer, 0);
            var length = pending.Length;
            var end = false;
            while (length < buffer.Length && !end)
            {
                int read;
                try
                {
                    // In small reads, so that the lines counted before damaged data are the lines it held.
                    read = stream.Read(buffer, length, Math.Min(ReadBytes, buffer.Length - length));
                }
                catch (InvalidDataException e)
                {
                    throw CsvSource.Damaged(file, linesRead + 1, e);
                }
                linesRead += buffer.AsSpan(length, read).Count((byte)'\n');
                length += read;
                end = read == 0;
            }
            var from = 0;
            if (header)
            {
                var headerEnd = buffer.AsSpan(0, length).IndexOf((byte)'\n');
                if (headerEnd < 0)
                {
                    if (length > CsvSource.MaxRowChars) throw CsvSource.RowTooLong(file, 1);
                    if (end) return;   // a header and no rows
                    pending = buffer[..length];
                    continue;
                }
                from = headerEnd + 1;
                header = false;
            }
            var lastLineEnd = buffer.AsSpan(from, length - from).LastIndexOf((byte)'\n');
            // A line longer than Sep reads is an error, not a reason to grow blocks without end: a small gzip file can inflate to gigabytes of one line.
            if (length - (lastLineEnd < 0 ? from : from + lastLineEnd + 1) > CsvSource.MaxRowChars) throw CsvSource.RowTooLong(file, linesRead + 1);
            var to = end ? length : lastLineEnd < 0 ? -1 : from + lastLineEnd + 1;
            if (to < 0)
            {
                pending = buffer[from..length];   // no line end yet: read on
                continue;
            }
            if (to > from) emit(new Block(index++, buffer, from, to - from));
            if (end) return;
            pending = buffer[to..length];
        }
    }
}
