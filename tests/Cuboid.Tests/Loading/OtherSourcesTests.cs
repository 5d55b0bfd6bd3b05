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
        Assert.Contains("The Arrow data has no column 'Id'", missing.Message, StringComparison.Ordinal);
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
        Assert.Contains("Row 1, column 'Amount'", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, table.RowCount);   // nothing loaded
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
