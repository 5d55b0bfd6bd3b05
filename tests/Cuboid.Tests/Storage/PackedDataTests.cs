using Cuboid.Tests.Support;

namespace Cuboid.Tests.Storage;

/// <summary>
/// Packed columns (SessionConfig.CompressColumns): full chunks take the bytes their values' range
/// needs, give back every value exactly, and every query, key lookup, upsert and drop answers as
/// over plain arrays.
/// </summary>
public sealed class PackedDataTests
{
    private const int Rows = 150_000;   // two full chunks and a partial one

    private static readonly Dictionary<string, DataType> s_types = new()
    {
        ["id"] = DataType.Long,
        ["day"] = DataType.LocalDate,
        ["quantity"] = DataType.Int,
        ["price"] = DataType.Double,
        ["ratio"] = DataType.Double,
        ["shop"] = DataType.String,
        ["note"] = DataType.String,
        ["flat"] = DataType.Int,
        ["customer"] = DataType.Int,
    };

    private static object?[] Row(int i) =>
    [
        1_000_000_000_000L + i,
        new DateOnly(2024, 1, 1).AddDays(i % 700),
        1 + i % 10,
        Math.Round(1 + (i * 7919 % 9_999) / 100.0, 2),          // prices: two decimals
        i % 5 == 0 ? 0.1 + 0.2 : i % 7 == 0 ? -0.0 : i / 3.0,   // not decimals: stays as it is
        $"Shop {i % 40}",
        i % 3 == 0 ? null : $"note {i % 300}",                   // strings with nulls
        42,
        i * 37 % 1_000_000,
    ];

    private static Session Start(bool compress) => Session.Start(new SessionConfig { Name = null, Port = null, CompressColumns = compress });

    private static Table Load(Session session)
    {
        var table = session.CreateTable("sales", s_types, ["id"]);
        table.Append([.. Enumerable.Range(0, Rows).Select(Row)]);
        return table;
    }

    [Fact]
    public void ChunksTakeTheBytesTheirRangeNeeds()
    {
        using var session = Start(compress: true);
        Load(session);
        var columns = session.Memory.Tables.Single().Columns.ToDictionary(c => c.Name, c => c.Bytes);
        // Every chunk is packed, the partial last one too (an append copies it): bytes are rows × width.
        Assert.Equal(Rows * 2L, columns["id"]);              // ids: a chunk spans at most 65,536 values, 2 bytes
        Assert.Equal(Rows * 2L, columns["day"]);             // 700 days: 2 bytes
        Assert.Equal(Rows * 1L, columns["quantity"]);        // 1–10: 1 byte
        var prices = session.Tables["sales"].Store.Columns.Single(c => c.Name == "price").DecodeTableBytes;
        Assert.InRange(prices, 8 * 9_000, 8 * 3 * 10_000);   // the decoded hundredths, shared by the chunks (one table a base)
        Assert.Equal(Rows * 2L + prices, columns["price"]);  // hundredths up to 10,000: 2 bytes
        Assert.Equal(Rows * 8L, columns["ratio"]);           // not decimals: as it was, without a null bitmap (no null)
        Assert.Equal(0, columns["flat"]);                    // one value: 0 bytes
        Assert.Equal(Rows * 4L, columns["customer"]);        // a range past 65,535 in an Int: 4 bytes either way
        Assert.Equal(Rows * 1L, columns["shop"] - session.Tables["sales"].Store.Columns.Single(c => c.Name == "shop").Dictionary!.Bytes);   // 40 codes
        Assert.Equal(Rows * 1L, columns["note"] - session.Tables["sales"].Store.Columns.Single(c => c.Name == "note").Dictionary!.Bytes);   // 200 codes and N/A
    }

    [Fact]
    public void EveryValueComesBackExactly()
    {
        using var session = Start(compress: true);
        var table = Load(session);
        var rows = table.Query().Rows().ToList();
        Assert.Equal(Rows, rows.Count);
        using var plain = Start(compress: false);
        var expected = Load(plain).Query().Rows().ToDictionary(r => (long)r[0]!);
        foreach (var row in rows)
        {
            var want = expected[(long)row[0]!];
            for (var c = 0; c < want.Length; c++)
            {
                if (want[c] is double d) Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)row[c]!));   // -0.0 stays -0.0
                else Assert.Equal(want[c], row[c]);
            }
        }
    }

    [Fact]
    public void QueriesKeysUpsertsAndDropsAnswerAsOverPlainArrays()
    {
        string Run(bool compress)
        {
            using var session = Start(compress);
            var table = Load(session);
            var cube = session.CreateCube(table, "Sales", CubeMode.Manual);
            cube.Hierarchies.Set("shop", table["shop"]);
            cube.Hierarchies.Set("note", table["note"]);
            cube.Hierarchies.Set("day", table["day"]);
            var m = cube.Measures;
            m["price"] = Agg.Sum(table["price"]);
            m["revenue"] = Agg.Sum(table["quantity"] * table["price"]);
            m["ratio"] = Agg.Sum(table["ratio"]);
            m["cheapest"] = Agg.Min(table["price"]);
            m["last day"] = Agg.Max(table["day"]);
            m["customers"] = Agg.CountDistinct(table["customer"]);
            Measure[] all = [m["price"], m["revenue"], m["ratio"], m["cheapest"], m["last day"], m["customers"]];
            var lines = new List<string>
            {
                cube.Query(all, [cube.Levels["shop"]], includeTotals: true).ToString(),
                cube.Query(all, [cube.Levels["note"]], table["quantity"] < 4 & table["price"] >= 50.5).ToString(),
                cube.Query([m["price"]], [cube.Levels["day"]], cube.Levels["day"] < new DateOnly(2024, 2, 1)).ToString(),
            };
            table.Append([.. Enumerable.Range(0, 2_000).Select(i => Row(i * 61)).Select(r => { r[2] = 99; return r; })]);   // upserts into packed chunks
            table.Drop(table["quantity"] == 3);
            lines.Add(cube.Query(all, [cube.Levels["shop"]], includeTotals: true).ToString());
            lines.Add(string.Join(",", table.Query(filter: table["id"] == 1_000_000_000_000L + 61 * 5).Rows().Single()));
            return string.Join("\n", lines);
        }
        Assert.Equal(Run(compress: false), Run(compress: true));
    }

    [Fact]
    public void AppendingToAPackedLastChunkKeepsItsValuesAndTheNewNulls()
    {
        string Run(bool compress)
        {
            using var session = Start(compress);
            var table = session.CreateTable("t", new Dictionary<string, DataType> { ["id"] = DataType.Int, ["amount"] = DataType.Double, ["label"] = DataType.String }, ["id"]);
            table.Append([.. Enumerable.Range(0, 1_000).Select(i => new object?[] { i, i * 0.25, $"l{i % 4}" })]);        // packed, no null
            table.Append([.. Enumerable.Range(1_000, 500).Select(i => new object?[] { i, i % 2 == 0 ? null : i * 0.5, i % 3 == 0 ? null : "x" })]);   // merged into it, with nulls
            return string.Join("\n", table.Query().Rows().Select(r => string.Join(",", r.Select(v => v is double d ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : v ?? "null"))));
        }
        var packed = Run(compress: true);
        Assert.Equal(Run(compress: false), packed);
        Assert.Contains("1002,null,N/A", packed, StringComparison.Ordinal);   // a null double stays null; a null string reads the default
        Assert.Contains("1001,500.5,x", packed, StringComparison.Ordinal);
    }

    /// <summary>Columns as arrays, two segments of <paramref name="rows"/> rows from row <paramref name="start"/>: each segment's batches are packed by the worker that wrote them.</summary>
    private sealed class Segments(int start, int rows, int badRow = -1) : ITableSource
    {
        public string Name => "segments";

        public IReadOnlyList<SourceColumn> Columns { get; } = [new("id", DataType.Long), new("day", DataType.LocalDate), new("quantity", DataType.Int), new("price", DataType.Double), new("ratio", DataType.Double)];

        public void Write(TableWriter writer) => Parallel.For(0, 2, segment =>
        {
            var first = start + segment * rows;
            var values = Enumerable.Range(first, rows).Select(Row).ToArray();
            var columns = new Dictionary<string, Array>
            {
                // Nullable ids: the bad row's null key rejects it, which compacts its batch before packing.
                ["id"] = values.Select((r, i) => first + i == badRow ? null : (long?)r[0]).ToArray(),
                ["day"] = values.Select(r => (DateOnly)r[1]!).ToArray(),
                ["quantity"] = values.Select(r => (int)r[2]!).ToArray(),
                ["price"] = values.Select(r => (double)r[3]!).ToArray(),
                ["ratio"] = values.Select(r => (double)r[4]!).ToArray(),
            };
            writer.Write(segment, $"segment-{segment}", 0, rows, [.. writer.Columns.Select(c => columns[c])]);
        });
    }

    [Fact]
    public void BatchesPackedByTheirLoaderTakeUpsertsAndAppendsAsPlainOnes()
    {
        string Run(bool compress)
        {
            using var session = Start(compress);
            var table = session.ReadTable(new Segments(0, 100_000, badRow: 70_000), new RecordOptions { TableName = "sales", Keys = ["id"], ErrorHandling = ErrorHandling.Skip });
            Assert.Equal(199_999, table.RowCount);
            if (compress)
            {
                var bytes = session.Memory.Tables.Single().Columns.ToDictionary(c => c.Name, c => c.Bytes);
                Assert.Equal(199_999 * 2L, bytes["id"]);          // packed in the workers, the batch with the rejected row too
                Assert.Equal(199_999 * 1L, bytes["quantity"]);
                Assert.Equal(199_999 * 8L, bytes["ratio"]);       // not decimals
            }
            // Upserts through the key index the packed ids filled, and rows merged into the packed last chunk.
            table.Append([.. Enumerable.Range(0, 3_000).Select(i => Row(i * 67)[..5]).Select(r => { r[2] = 99; return r; })]);
            table.Append([.. Enumerable.Range(200_000, 500).Select(i => Row(i)[..5])]);
            table.Load(new SourceLoad(new Segments(200_300, 300)));   // small packed batches merged into the last chunk
            return string.Join("\n", table.Query().Rows().Select(r => string.Join(",", r.Select(v => v is double d ? BitConverter.DoubleToInt64Bits(d).ToString(System.Globalization.CultureInfo.InvariantCulture) : v))));
        }
        Assert.Equal(Run(compress: false), Run(compress: true));
    }
}
