using System.Collections.Concurrent;

namespace Cuboid.Loading;

internal static partial class CsvRangeReader
{
    /// <summary>Inflated bytes per read: the lines counted before damaged data are those of the reads that succeeded.</summary>
    private const int ReadBytes = 64 << 10;

    /// <summary>Blocks cut and waiting for a core, besides those being parsed: the inflating thread is the slower side.</summary>
    private const int WaitingBlocks = 2;

    private sealed record Block(int Index, byte[] Bytes, int Offset, int Count);

    /// <summary>
    /// Reads a gzip file in parallel: one thread inflates it and cuts the text into blocks of
    /// whole lines, which the cores parse as they come (a gzip stream cannot be cut by offset).
    /// Blocks in memory: one per core being parsed, two waiting, one being cut — whatever the
    /// file's size. Damaged gzip data fails the read with the line before which every line
    /// inflated intact; a bad row under Fail, or a block only the sequential reader can read,
    /// stops the read (incomplete: the caller reads the file sequentially, in file order).
    /// </summary>
    public static Outcome ReadGzip(string file, string[] header, CsvRowParser parser, CsvOptions options, Func<bool> failFast, Action<long> progress)
    {
        using var stream = SourceStreams.Open(file);
        using var blocks = new BlockingCollection<Block>(boundedCapacity: WaitingBlocks);
        using var stop = new CancellationTokenSource();
        var results = new ConcurrentDictionary<int, RangeResult>();
        long rowsRead = 0;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                Cut(stream, file, block => blocks.Add(block, stop.Token));
            }
            catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or LoadException)
            {
                // Stopped by the parsers: what comes first in the file is for the sequential reader to say.
            }
            finally
            {
                blocks.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var partitions = Partitioner.Create(blocks.GetConsumingEnumerable(), EnumerablePartitionerOptions.NoBuffering);
            Unwrapped(() => Parallel.ForEach(partitions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (block, state) =>
            {
                if (stop.IsCancellationRequested) { state.Stop(); return; }
                var result = ParseBlock(block.Bytes, block.Offset, block.Count, file, header, parser, options);
                results[block.Index] = result;
                progress(Interlocked.Add(ref rowsRead, result.Rows));
                if (result.Sequential || (result.Rejected.Count > 0 && failFast())) stop.Cancel();
            }));
        }
        finally
        {
            // However the parsers ended, the inflating thread ends before the stream and the queue are disposed.
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); }
            catch (AggregateException) { }   // its outcome is read below, unless the parsers' exception is on its way
        }
        producer.GetAwaiter().GetResult();   // damaged data: Cut's LoadException
        var ordered = new RangeResult?[results.IsEmpty ? 0 : results.Keys.Max() + 1];
        foreach (var (index, result) in results) ordered[index] = result;
        return Merge(ordered, rowsRead, file, header, options);
    }

    /// <summary>
    /// Emits the inflated text after its header line in blocks of about <see cref="RangeBytes"/>
    /// that end at a line end (the last one where the text ends); a line longer than a block grows
    /// it, up to Sep's row limit. Damaged data throws the load's error.
    /// </summary>
    private static void Cut(Stream stream, string file, Action<Block> emit)
    {
        byte[] carried = [];   // the part of the previous buffer after its last line end
        int carriedFrom = 0, carriedCount = 0;
        var header = true;
        long linesRead = 0;
        for (var index = 0; ;)
        {
            var buffer = new byte[Math.Max(RangeBytes, 2 * carriedCount)];
            Array.Copy(carried, carriedFrom, buffer, 0, carriedCount);
            var length = carriedCount;
            var end = false;
            while (length < buffer.Length && !end)
            {
                int read;
                try
                {
                    read = stream.Read(buffer, length, Math.Min(ReadBytes, buffer.Length - length));
                }
                catch (InvalidDataException e)
                {
                    throw CsvErrors.Damaged(file, linesRead + 1, e);
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
                    if (end) return;   // a header and no rows
                    (carried, carriedFrom, carriedCount) = (buffer, 0, length);
                    continue;
                }
                from = headerEnd + 1;
                header = false;
            }
            var lastLineEnd = buffer.AsSpan(from, length - from).LastIndexOf((byte)'\n');
            var to = lastLineEnd < 0 ? from : from + lastLineEnd + 1;
            // A line longer than Sep reads is an error, not a reason to grow blocks without end: a small gzip
            // file can inflate to gigabytes of one line. (Counted in bytes: a UTF-8 character is at least one.)
            if (length - to > CsvErrors.MaxRowChars) throw CsvErrors.RowTooLong(file, linesRead + 1);
            if (end) to = length;
            if (to > from) emit(new Block(index++, buffer, from, to - from));
            if (end) return;
            (carried, carriedFrom, carriedCount) = (buffer, to, length - to);
        }
    }
}
