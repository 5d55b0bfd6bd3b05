using Cuboid.Tests.Support;
using Parquet.Serialization;

namespace Cuboid.Tests.Loading;

/// <summary>ReadParquet and ParquetLoad: every column type, lists as arrays, several row groups and files, bad rows named.</summary>
public sealed class ParquetSourceTests
{
    public sealed class Position
    {
        public int Id { get; set; }
        public string? Book { get; set; }
        public long? Qty { get; set; }
        public double Price { get; set; }
        public decimal Fee { get; set; }
        public bool Active { get; set; }
        public DateOnly Traded { get; set; }
        public DateTime Updated { get; set; }
        public double[]? PnL { get; set; }
    }

    private static List<Position> Positions(int count, int first = 0) => [.. Enumerable.Range(first, count).Select(i => new Position
    {
        Id = i,
        Book = i % 5 == 4 ? null : $"Book {i % 3}",
        Qty = i % 7 == 6 ? null : i * 10L,
        Price = i * 0.5,
        Fee = i / 4m,
        Active = i % 2 == 0,
        Traded = new DateOnly(2026, 1, 1).AddDays(i % 300),
        Updated = new DateTime(2026, 1, 1, 8, 0, 0).AddMinutes(i),
        PnL = i % 11 == 10 ? null : [i, -i, i * 0.25],
    })];

    private static string Write(List<Position> rows, string name, int rowGroupSize = 1_000)
    {
        var path = Path.Combine(TestData.TempDirectory(), name);
        ParquetSerializer.SerializeAsync(rows, path, new Parquet.ParquetOptions { RowGroupSize = rowGroupSize }).GetAwaiter().GetResult();
        return path;
    }

    [Fact]
    public void ReadsEveryColumnTypeListsAndRowGroupsInOrder()
    {
        var rows = Positions(4_600);
        var file = Write(rows, "positions.parquet");   // five row groups, the last one shorter (decode buffers are reused across groups)
        using var session = TestData.NewSession();
        var table = session.ReadParquet(file, new ParquetReadOptions { TableName = "Positions", Keys = ["Id"] });
        Assert.Equal([DataType.Int, DataType.String, DataType.Long, DataType.Double, DataType.Double, DataType.Boolean, DataType.LocalDate, DataType.LocalDateTime, DataType.DoubleArray],
            table.Columns.Select(c => c.DataType));
        var result = table.Query();
        Assert.Equal(4_600, result.RowCount);
        Assert.Equal(rows.Select(r => (int?)r.Id), result.Column("Id").Values.Cast<int?>());
        Assert.Equal(rows.Select(r => r.Book ?? "N/A"), result.Column("Book").Values.Cast<string>());
        Assert.Equal(rows.Select(r => r.Qty), result.Column("Qty").Values.Cast<long?>());
        Assert.Equal(rows.Select(r => (double?)(double)r.Fee), result.Column("Fee").Values.Cast<double?>());
        Assert.Equal(rows.Select(r => (DateOnly?)r.Traded), result.Column("Traded").Values.Cast<DateOnly?>());
        Assert.Equal(rows.Select(r => (DateTime?)r.Updated), result.Column("Updated").Values.Cast<DateTime?>());
        for (var i = 0; i < rows.Count; i++) Assert.Equal(rows[i].PnL, (double[]?)result.Column("PnL")[i]);
    }

    [Fact]
    public void GlobsLoadEveryFileAndParquetLoadAppendsByName()
    {
        var folder = Path.GetDirectoryName(Write(Positions(100), "part-1.parquet"))!;
        Write(Positions(50, first: 100), Path.Combine(folder, "part-2.parquet"));
        using var session = TestData.NewSession();
        var table = session.ReadParquet(Path.Combine(folder, "part-*.parquet"), new ParquetReadOptions { TableName = "Parts", Keys = ["Id"] });
        Assert.Equal(150, table.RowCount);
        var more = Write(Positions(10, first: 145), Path.Combine(folder, "more.parquet"));
        table.Load(new ParquetLoad(more));
        Assert.Equal(155, table.RowCount);   // 145..149 replaced, 150..154 added
    }

    [Fact]
    public void AValueTheColumnCannotTakeNamesTheFileRowAndColumn()
    {
        var file = Write(Positions(3_000), "bad.parquet");
        using var session = TestData.NewSession();
        var error = Assert.Throws<LoadException>(() => session.ReadParquet(file, new ParquetReadOptions
        {
            TableName = "Bad",
            Types = new Dictionary<string, DataType> { ["Book"] = DataType.Int },   // "Book 0" is not an Int
        }));
        Assert.Contains("bad.parquet:1, column 'Book'", error.Message, StringComparison.Ordinal);
        Assert.False(session.Tables.ContainsKey("Bad"));
        var skipped = session.ReadParquet(file, new ParquetReadOptions
        {
            TableName = "Skipped",
            Types = new Dictionary<string, DataType> { ["Book"] = DataType.Int },
            ErrorHandling = ErrorHandling.Skip,
        });
        Assert.Equal(600, skipped.RowCount);   // only the rows whose Book is null (every fifth) load
        var report = skipped.LastLoadReport!;
        Assert.Equal((3_000L, 600L, 2_400), (report.RowsRead, report.RowsLoaded, report.Rejected.Count));
        Assert.EndsWith("bad.parquet:1, column 'Book': \"Book 0\" is not a valid Int", report.Rejected[0].ToString(), StringComparison.Ordinal);
    }

    public sealed class Tagged
    {
        public int Id { get; set; }
        public string Code { get; set; } = "";
        public string Label { get; set; } = "";
    }

    [Fact]
    public async Task TextWithoutNullsComesAsSlicesCodedByValueAndNamedWhenRejected()
    {
        var rows = Enumerable.Range(0, 2_500).Select(i => new Tagged { Id = i, Code = (i * 7).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), Label = $"L{i % 4}" }).ToList();
        var path = Path.Combine(TestData.TempDirectory(), "tagged.parquet");
        await ParquetSerializer.SerializeAsync(rows, path, new Parquet.ParquetOptions { RowGroupSize = 1_000 }, cancellationToken: TestContext.Current.CancellationToken);
        using var session = TestData.NewSession();
        var table = session.ReadParquet(path, new ParquetReadOptions { TableName = "Tagged" });
        var result = table.Query();
        Assert.Equal(rows.Select(r => r.Code), result.Column("Code").Values.Cast<string>());
        Assert.Equal(rows.Select(r => r.Label), result.Column("Label").Values.Cast<string>());
        Assert.Equal(4, table.Store.Columns.Single(c => c.Name == "Label").Dictionary!.Count);   // four codes, however many rows
        // Text is not converted to numbers: the value is quoted as the text it is.
        var error = Assert.Throws<LoadException>(() => session.ReadParquet(path, new ParquetReadOptions { TableName = "Bad", Types = new Dictionary<string, DataType> { ["Code"] = DataType.Int } }));
        Assert.Contains("tagged.parquet:1, column 'Code': \"00000\" is not a valid Int", error.Message, StringComparison.Ordinal);
    }
}
