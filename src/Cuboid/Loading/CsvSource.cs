using System.Collections.Concurrent;
using System.Text;
using Cuboid.Storage;
using nietras.SeparatedValues;

namespace Cuboid.Loading;

/// <summary>
/// Reads CSV files into row batches for a table. One thread tokenizes with Sep and copies raw
/// fields into <see cref="CsvBlock"/>s of one chunk each; the other cores parse the blocks
/// column by column into typed batches. Rows that do not fit the table are rejected with their
/// file, line and column; nothing reaches the table until the caller commits the batches.
/// </summary>
internal static class CsvSource
{
    public static SepReaderOptions SepOptions(CsvOptions options)
    {
        if (options.Quote != '"') throw new ArgumentException($"Quote '{options.Quote}' is not supported: CSV fields are quoted with '\"'.", nameof(options));
        var sep = options.Separator is { } c ? new Sep(c) : (Sep?)null;
        return new SepReaderOptions(sep) { HasHeader = true, Unescape = true, DisableColCountCheck = true, CultureInfo = options.Culture ?? System.Globalization.CultureInfo.InvariantCulture };
    }

    public static SepReader Open(string file, CsvOptions options)
    {
        var text = new StreamReader(file, options.Encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return SepOptions(options).From(text);
    }

    /// <summary>The header of <paramref name="file"/> after renames; duplicate names are an error naming the file.</summary>
    public static string[] ReadHeader(string file, CsvOptions options)
    {
        using var reader = Open(file, options);
        var names = reader.Header.ColNames.Select(n => options.ColumnRenames?.GetValueOrDefault(n) ?? n).ToArray();
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
        var stop = new CancellationTokenSource();
        var workers = Math.Max(1, Environment.ProcessorCount);
        var batches = new ConcurrentDictionary<int, RowBatch>();
        var rejected = new ConcurrentBag<RejectedRow>();
        using var queue = new BlockingCollection<(CsvBlock Block, string File, int[] Map)>(boundedCapacity: workers * 2);
        var parsers = Enumerable.Range(0, workers).Select(_ => Task.Run(() =>
        {
            foreach (var (block, file, map) in queue.GetConsumingEnumerable())
            {
                var batch = ParseBlock(block, file, map, table, parser, rejected);
                batches[block.Index] = batch;
                if (options.ErrorHandling == ErrorHandling.Fail && !rejected.IsEmpty) stop.Cancel();
            }
        })).ToArray();
        try
        {
            var blockIndex = 0;
            foreach (var file in files)
            {
                if (stop.IsCancellationRequested) break;
                var header = ReadHeader(file, options);
                var map = MapColumns(file, header, table);
                using var reader = Open(file, options);
                var block = new CsvBlock(blockIndex++, header.Length, Chunk.Size);
                foreach (var row in reader)
                {
                    result.RowsRead++;
                    if (row.ColCount != header.Length)
                    {
                        rejected.Add(new RejectedRow(file, row.LineNumberFrom, null, $"the row has {row.ColCount} fields, the header has {header.Length}"));
                        if (options.ErrorHandling == ErrorHandling.Fail) { stop.Cancel(); break; }
                        continue;
                    }
                    for (var c = 0; c < header.Length; c++) block.AddField(row[c].Span, c);
                    block.EndRow(row.LineNumberFrom);
                    if (!block.IsFull) continue;
                    queue.Add((block, file, map), stop.Token);
                    options.Progress?.Report(result.RowsRead);
                    block = new CsvBlock(blockIndex++, header.Length, Chunk.Size);
                }
                if (block.Rows > 0) queue.Add((block, file, map), stop.Token);
                else blockIndex--;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A worker found a bad row and the load fails: stop reading.
        }
        finally
        {
            queue.CompleteAdding();
            Task.WaitAll(parsers);
        }
        options.Progress?.Report(result.RowsRead);
        result.Batches.AddRange(batches.OrderBy(b => b.Key).Select(b => b.Value));
        result.Rejected.AddRange(rejected.OrderBy(r => r.Source, StringComparer.Ordinal).ThenBy(r => r.Line));
        return result;
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

    private static RowBatch ParseBlock(CsvBlock block, string file, int[] map, TableStore table, TextParser parser, ConcurrentBag<RejectedRow> rejected)
    {
        var batch = new RowBatch(table.Columns, block.Rows);
        bool[]? keep = null;
        for (var t = 0; t < map.Length; t++)
        {
            var schema = table.Columns[t];
            var isKey = table.Keys.Contains(schema.Name);
            var builder = batch.Columns[t];
            for (var r = 0; r < block.Rows; r++)
            {
                var field = block.Field(r, map[t]);
                string? reason = null;
                if (isKey && (field.IsEmpty || parser.IsNullText(field))) reason = $"the key column '{schema.Name}' is empty";
                else if (!builder.TryAddText(field, parser)) reason = $"'{field}' is not a valid {schema.Type}";
                if (reason is null) continue;
                if (builder.Count == r) builder.AddNull();   // keep the columns aligned until the row leaves
                keep ??= Enumerable.Repeat(true, block.Rows).ToArray();
                if (keep[r]) rejected.Add(new RejectedRow(file, block.Lines[r], schema.Name, reason));
                keep[r] = false;
            }
        }
        if (keep is not null) batch.Compact(keep);
        return batch;
    }
}

/// <summary>What a source read: batches ready to commit, and the rows it rejected.</summary>
internal sealed class LoadResult
{
    public List<RowBatch> Batches { get; } = [];
    public List<RejectedRow> Rejected { get; } = [];
    public long RowsRead { get; set; }
    public long RowsLoaded => Batches.Sum(b => (long)b.Count);
}
