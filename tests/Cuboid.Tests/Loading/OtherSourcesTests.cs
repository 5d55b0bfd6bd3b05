using Apache.Arrow;
using Apache.Arrow.Ipc;
using Cuboid.Tests.Support;
using Microsoft.Data.Analysis;
using Parquet.Serialization;

namespace Cuboid.Tests.Loading;

/// <summary>ReadRecords, ReadArray, ReadArrow (batches, IPC files), ReadDataFrame, and Spark's Parquet output.</summary>
public sealed class OtherSourcesTests
{
    public sealed record Trade(int Id, string? Book, double? Amount, DateOnly Day, double[]? PnL);

    private static readonly Trade[] s_trades =
    [
        new(1, "Rates", 10.5, new DateOnly(2026, 1, 2), [1, 2]), new(2, null, null, new DateOnly(2026, 1, 3), null), new(3, "FX", -4, new DateOnly(2026, 1, 4), [3]),
    ];

    [Fact]
    public void ReadRecordsTypesColumnsFromTheMembers()
    {
        using var session = TestData.NewSession();
        var table = session.ReadRecords(s_trades, new RecordOptions { Keys = ["Id"] });
        Assert.Equal("Trade", table.Name);
        Assert.Equal([("Id", DataType.Int), ("Book", DataType.String), ("Amount", DataType.Double), ("Day", DataType.LocalDate), ("PnL", DataType.DoubleArray)],
            table.Columns.Select(c => (c.Name, c.DataType)));
        Assert.Equal([10.5, null, -4.0], table.Query().Column("Amount").Values.Cast<double?>());
    }

    [Fact]
    public void ReadArrayMakesAColumnPerArrayColumn()
    {
        using var session = TestData.NewSession();
        var table = session.ReadArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, ["x", "y"], new RecordOptions { TableName = "Points" });
        Assert.Equal([2.0, 4.0, 6.0], table.Query().Column("y").Values.Cast<double?>());
        var wrong = Assert.Throws<ArgumentException>(() => session.ReadArray(new int[,] { { 1, 2 } }, ["only one"]));
        Assert.Contains("The array has 2 columns; 1 names were given", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrowBatchesAndIpcFilesRoundTripThroughQueryResults()
    {
        using var session = TestData.NewSession();
        var source = session.ReadRecords(s_trades, new RecordOptions { TableName = "Source", Keys = ["Id"] });
        var batch = source.Query().ToArrow();
        var copy = session.ReadArrow(batch, new RecordOptions { TableName = "Copy", Keys = ["Id"] });
        Assert.Equal(source.Query().ToString(), copy.Query().ToString());

        var path = Path.Combine(TestData.TempDirectory(), "trades.arrow");
        using (var stream = File.Create(path))
        using (var writer = new ArrowFileWriter(stream, batch.Schema))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        var fromFile = session.ReadArrowFile(path);
        Assert.Equal("trades", fromFile.Name);
        Assert.Equal(source.Query().ToString(), fromFile.Query().ToString());
        var missing = Assert.Throws<LoadException>(() => copy.LoadArrow([new RecordBatch(new Schema([new Field("Other", Apache.Arrow.Types.Int32Type.Default, true)], null), [new Int32Array.Builder().Append(1).Build()], 1)]));
        Assert.Contains("the Arrow data has no column 'Id'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataFramesRoundTrip()
    {
        using var session = TestData.NewSession();
        var frame = new DataFrame(new Int32DataFrameColumn("Id", [1, 2, 3]), new StringDataFrameColumn("Shop", ["Paris", null, "Lyon"]), new DoubleDataFrameColumn("Amount", [1.5, null, 3.0]));
        var table = session.ReadDataFrame(frame, new RecordOptions { TableName = "Frame", Keys = ["Id"] });
        Assert.Equal(["Paris", "N/A", "Lyon"], table.Query().Column("Shop").Values.Cast<string>());
        var back = table.Query().ToDataFrame();
        Assert.Equal([1.5, null, 3.0], back.Columns["Amount"].Cast<double?>());
        var bad = new DataFrame(new Int32DataFrameColumn("Id", [4]), new StringDataFrameColumn("Shop", ["Nice"]), new StringDataFrameColumn("Amount", ["lots"]));
        var error = Assert.Throws<LoadException>(() => table.LoadDataFrame(bad));
        Assert.Equal("Nothing was loaded into table 'Frame': data frame:1, column 'Amount': \"lots\" is not a valid Double.", error.Message);
        Assert.Equal(3, table.RowCount);   // nothing loaded
    }

    [Fact]
    public void DataFrameLoadsSkipBadRowsAndCopyNullFreeColumnsWhole()
    {
        using var session = TestData.NewSession();
        var ids = Enumerable.Range(0, 70_000).ToArray();   // more than a chunk: the copy spans chunks
        var frame = new DataFrame(new Int32DataFrameColumn("Id", ids), new DoubleDataFrameColumn("Amount", ids.Select(i => (double)i)));
        var progress = new List<long>();
        var table = session.ReadDataFrame(frame, new RecordOptions { TableName = "Big", Keys = ["Id"], Progress = new SyncProgress(progress) });
        Assert.Equal(70_000, table.RowCount);
        Assert.Equal(ids.Sum(i => (double)i), table.Query().Column("Amount").Values.Cast<double?>().Sum());
        Assert.Equal(70_000, progress[^1]);

        var withNullKey = new DataFrame(new Int32DataFrameColumn("Id", [70_000, null, 70_002]), new DoubleDataFrameColumn("Amount", [1.0, 2.0, 3.0]));
        var report = table.LoadDataFrame(withNullKey, ErrorHandling.Skip);
        Assert.Equal((3L, 2L), (report.RowsRead, report.RowsLoaded));
        Assert.Equal("data frame:2, column 'Id': the key column 'Id' is null", Assert.Single(report.Rejected).ToString());
        Assert.Equal(70_002, table.RowCount);
    }

    [Fact]
    public void ArrowTablesMayChunkTheirColumnsDifferently()
    {
        using var session = TestData.NewSession();
        // Id comes in chunks of 2 and 3 rows, Book in one dictionary-encoded chunk, Amount in chunks of 4 and 1 with a null.
        IList<Apache.Arrow.Array> ids = ([new Int32Array.Builder().AppendRange([1, 2]).Build(), new Int32Array.Builder().AppendRange([3, 4, 5]).Build()]);
        var dictionary = new StringArray.Builder().AppendRange(["Rates", "FX"]).Build();
        var codes = new Int8Array.Builder().AppendRange([0, 1, 1, 0, 1]).Build();
        IList<Apache.Arrow.Array> books = ([new DictionaryArray(new Apache.Arrow.Types.DictionaryType(Apache.Arrow.Types.Int8Type.Default, Apache.Arrow.Types.StringType.Default, false), codes, dictionary)]);
        IList<Apache.Arrow.Array> amounts = ([new DoubleArray.Builder().AppendRange([1.5, 2.5, 3.5]).AppendNull().Build(), new DoubleArray.Builder().Append(5.5).Build()]);
        var schema = new Schema([new Field("Id", ids[0].Data.DataType, false), new Field("Book", books[0].Data.DataType, false), new Field("Amount", amounts[0].Data.DataType, true)], null);
        var arrow = new Apache.Arrow.Table(schema, [new Apache.Arrow.Column(schema.FieldsList[0], ids), new Apache.Arrow.Column(schema.FieldsList[1], books), new Apache.Arrow.Column(schema.FieldsList[2], amounts)]);

        var table = session.ReadArrow(arrow, new RecordOptions { TableName = "Trades", Keys = ["Id"] });
        Assert.Equal([("Id", DataType.Int), ("Book", DataType.String), ("Amount", DataType.Double)], table.Columns.Select(c => (c.Name, c.DataType)));
        var rows = table.Query().Rows().Select(r => $"{r[0]} {r[1]} {r[2]}");
        Assert.Equal(["1 Rates 1.5", "2 FX 2.5", "3 FX 3.5", "4 Rates ", "5 FX 5.5"], rows);
    }

    [Fact]
    public void EveryArrowTypeCuboidStoresIsReadWithItsValues()
    {
        using var session = TestData.NewSession();
        var day = new DateOnly(2026, 3, 14);
        var at = new DateTime(2026, 3, 14, 9, 30, 0);
        var batch = new RecordBatch.Builder()
            .Append("i8", false, new Int8Array.Builder().AppendRange([-1, 2]).Build())
            .Append("u16", false, new UInt16Array.Builder().AppendRange([1, 65_535]).Build())
            .Append("u32", false, new UInt32Array.Builder().AppendRange([1, 4_000_000_000]).Build())
            .Append("f32", true, new FloatArray.Builder().Append(1.5f).AppendNull().Build())
            .Append("dec", false, new Decimal128Array.Builder(new Apache.Arrow.Types.Decimal128Type(10, 2)).Append(12.34m).Append(-0.5m).Build())
            .Append("flag", true, new BooleanArray.Builder().Append(true).AppendNull().Build())   // a null boolean reads its default, false
            .Append("day", false, new Date32Array.Builder().Append(day).Append(day.AddDays(1)).Build())
            .Append("at", false, new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null)).Append(at).Append(at.AddHours(1)).Build())
            .Append("time", false, new Time64Array.Builder(Apache.Arrow.Types.TimeUnit.Microsecond).Append(new TimeOnly(9, 30)).Append(new TimeOnly(17, 0)).Build())
            .Append("name", true, new StringArray.Builder().Append("é, ü").AppendNull().Build())
            .Append("large", false, new LargeStringArray.Builder().Append("big").Append("bigger").Build())
            .Build();
        var table = session.ReadArrow(batch, new RecordOptions { TableName = "Types" });
        Assert.Equal(
            [DataType.Int, DataType.Int, DataType.Long, DataType.Float, DataType.Double, DataType.Boolean, DataType.LocalDate, DataType.LocalDateTime, DataType.LocalTime, DataType.String, DataType.String],
            table.Columns.Select(c => c.DataType));
        var rows = table.Query().Rows().ToList();
        Assert.Equal(new object?[] { -1, 1, 1L, 1.5f, 12.34, true, day, at, new TimeOnly(9, 30), "é, ü", "big" }, rows[0]);
        Assert.Equal(new object?[] { 2, 65_535, 4_000_000_000L, null, -0.5, false, day.AddDays(1), at.AddHours(1), new TimeOnly(17, 0), "N/A", "bigger" }, rows[1]);
    }

    [Fact]
    public void ArrowLoadsReportRejectedRowsByTheirPositionInTheStream()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("Trades", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Book"] = DataType.String }, keys: ["Id"]);
        RecordBatch Batch(int?[] ids, string?[] books)
        {
            var idArray = new Int32Array.Builder();
            foreach (var id in ids) { if (id is null) idArray.AppendNull(); else idArray.Append(id.Value); }
            var bookArray = new StringArray.Builder();
            foreach (var book in books) { if (book is null) bookArray.AppendNull(); else bookArray.Append(book); }
            return new RecordBatch.Builder().Append("Id", true, idArray.Build()).Append("Book", true, bookArray.Build()).Build();
        }
        var batches = new[] { Batch([1, 2], ["a", "b"]), Batch([3, null, 5], ["c", "d", null]) };

        var error = Assert.Throws<LoadException>(() => table.LoadArrow(batches));
        Assert.Equal("Nothing was loaded into table 'Trades': the Arrow data:4, column 'Id': the key column 'Id' is null.", error.Message);
        Assert.Equal(0, table.RowCount);

        var report = table.LoadArrow(batches, ErrorHandling.Skip);
        Assert.Equal((5L, 4L), (report.RowsRead, report.RowsLoaded));
        Assert.Equal(["1 a", "2 b", "3 c", "5 N/A"], table.Query().Rows().Select(r => $"{r[0]} {r[1]}"));

        // table.Load takes a batch, an Arrow table, a stream or a frame as well.
        table.Load(Batch([6], ["f"]));
        table.Load(Apache.Arrow.Table.TableFromRecordBatches(batches[0].Schema, [Batch([7], ["g"])]));
        table.Load(new DataFrame(new Int32DataFrameColumn("Id", [8]), new StringDataFrameColumn("Book", ["h"])));
        Assert.Equal(["6 f", "7 g", "8 h"], table.Query().Rows().Skip(4).Select(r => $"{r[0]} {r[1]}"));
    }

    [Fact]
    public void ArraysLoadTypedAndNameTheirBadCells()
    {
        using var session = TestData.NewSession();
        var cells = new string?[,] { { "a", "x" }, { null, "y" }, { "c", "z" } };
        var error = Assert.Throws<LoadException>(() => session.ReadArray(cells, ["k", "v"], new RecordOptions { Keys = ["k"] }));
        Assert.Equal("Nothing was loaded into table 'array': array:2, column 'k': the key column 'k' is null.", error.Message);
        Assert.Empty(session.Tables);

        var table = session.ReadArray(cells, ["k", "v"], new RecordOptions { Keys = ["k"], ErrorHandling = ErrorHandling.Skip });
        Assert.Equal(["a x", "c z"], table.Query().Rows().Select(r => $"{r[0]} {r[1]}"));
        Assert.Equal("array:2, column 'k': the key column 'k' is null", Assert.Single(table.LastLoadReport!.Rejected).ToString());

        // Values are not parsed: a text is not a number, as for Append and records.
        var text = Assert.Throws<LoadException>(() => session.ReadArray(new[,] { { "1" } }, ["n"], new RecordOptions { TableName = "Numbers", Types = new Dictionary<string, DataType> { ["n"] = DataType.Int } }));
        Assert.Equal("Nothing was loaded into table 'Numbers': array:1, column 'n': \"1\" is not a valid Int.", text.Message);
    }

    public sealed class SparkRow
    {
        public int Id { get; set; }
        public string? Region { get; set; }
        public double Sales { get; set; }
    }

    [Fact]
    public async Task SparkOutputIsAFolderOfParquetParts()
    {
        // What df.write.parquet(folder) leaves: part files, a _SUCCESS marker and checksum files.
        var folder = TestData.TempDirectory();
        for (var part = 0; part < 3; part++)
        {
            var rows = Enumerable.Range(part * 100, 100).Select(i => new SparkRow { Id = i, Region = $"R{i % 4}", Sales = i }).ToList();
            await ParquetSerializer.SerializeAsync(rows, Path.Combine(folder, $"part-0000{part}-c0ffee.snappy.parquet"), cancellationToken: TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, $".part-0000{part}-c0ffee.snappy.parquet.crc"), "crc", TestContext.Current.CancellationToken);
        }
        await File.WriteAllTextAsync(Path.Combine(folder, "_SUCCESS"), "", TestContext.Current.CancellationToken);
        using var session = TestData.NewSession();
        var table = session.ReadParquet(Path.Combine(folder, "part-*.parquet"), new ParquetReadOptions { TableName = "Spark", Keys = ["Id"] });
        Assert.Equal(300, table.RowCount);
        Assert.Equal(299.0 * 300 / 2, table.Query().Column("Sales").Values.Cast<double?>().Sum());
    }
}
