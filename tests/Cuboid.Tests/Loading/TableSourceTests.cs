using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

/// <summary>ITableSource, the seam for sources that live outside the engine: a source of the test's own, written in parallel.</summary>
public sealed class TableSourceTests
{
    /// <summary>Trades in segments of 1,000 rows, written from several threads in reverse order; one value may be bad.</summary>
    private sealed class Trades(int segments, int badRow = -1) : ITableSource
    {
        public string Name => "trades";

        public IReadOnlyList<SourceColumn> Columns { get; } = [new("Id", DataType.Int), new("Desk", DataType.String), new("Notional", DataType.Double), new("Traded", DataType.LocalDate)];

        public void Write(TableWriter writer) => Parallel.For(0, segments, k =>
        {
            var segment = segments - 1 - k;   // the last segment first: the writer must restore the order
            var first = segment * 1_000;
            var ids = Enumerable.Range(first, 1_000).ToArray();
            var columns = new Dictionary<string, Array>
            {
                ["Id"] = ids,
                // Objects, converted value by value: a text where the number should be rejects its row.
                ["Desk"] = ids.Select(i => i % 4 == 3 ? null : $"Desk {i % 3}").ToArray(),
                ["Notional"] = ids.Select(i => i == badRow ? (object)"lots" : i * 1.5m).ToArray(),
                ["Traded"] = ids.Select(i => new DateOnly(2026, 1, 1).AddDays(i % 30)).ToArray(),
            };
            writer.Write(segment, $"trades-{segment}.bin", 0, 1_000, [.. writer.Columns.Select(c => columns[c])]);
        });
    }

    [Fact]
    public void ASourceOfOneOwnIsReadInSegmentOrderWithEveryColumnType()
    {
        using var session = TestData.NewSession();
        var table = session.ReadTable(new Trades(5), new RecordOptions { Keys = ["Id"] });
        Assert.Equal("trades", table.Name);
        Assert.Equal(5_000, table.RowCount);
        var rows = table.Query([table["Id"], table["Desk"], table["Notional"], table["Traded"]]);
        Assert.Equal(Enumerable.Range(0, 5_000), rows.Column("Id").Values.Cast<int>());   // stored in segment order
        Assert.Equal(["N/A", "Desk 1", "Desk 2", "Desk 0", "N/A"], rows.Column("Desk").Values.Cast<string?>().Skip(3).Take(5));   // nulls: the default
        Assert.Equal(4_321 * 1.5, rows.Column("Notional").GetDouble(4_321));
        Assert.Equal(new DateOnly(2026, 1, 2), rows.Column("Traded").Values.Cast<DateOnly>().ElementAt(4_321));
    }

    [Fact]
    public void ABadValueNamesItsSegmentRowAndColumnAndAFailedLoadChangesNothing()
    {
        using var session = TestData.NewSession();
        var table = session.ReadTable(new Trades(2), new RecordOptions { TableName = "Trades", Keys = ["Id"] });
        var error = Assert.Throws<LoadException>(() => table.Load(new SourceLoad(new Trades(3, badRow: 2_500))));
        Assert.Contains("trades-2.bin:501, column 'Notional'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2_000, table.RowCount);   // the failed load left the table as it was
        var report = table.Load(new SourceLoad(new Trades(3, badRow: 2_500), ErrorHandling.Skip));
        Assert.Equal((3_000L, 2_999L, 1), (report.RowsRead, report.RowsLoaded, report.Rejected.Count));
        Assert.Equal(2_999, table.RowCount);   // keys 0–1,999 replaced, 2,000–2,999 added but the bad one
    }

    /// <summary>A source that writes one column whatever the table has.</summary>
    private sealed class OneColumn : ITableSource
    {
        public string Name => "ids";

        public IReadOnlyList<SourceColumn> Columns { get; } = [new("Id", DataType.Int)];

        public void Write(TableWriter writer) => writer.Write(0, "ids.bin", 0, 3, [new[] { 1, 2, 3 }]);
    }

    [Fact]
    public void ASegmentWithoutEveryColumnIsRefusedByName()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Desk"] = DataType.String });
        var error = Assert.Throws<ArgumentException>(() => table.Load(new SourceLoad(new OneColumn())));
        Assert.StartsWith("A segment of ids.bin has 1 columns; table 'T' has 2.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void AModelFileNamingParquetNeedsTheParquetPackageAndSaysSo()
    {
        var folder = TestData.TempDirectory();
        var model = Path.Combine(folder, "model.json");
        File.WriteAllText(model, """{ "tables": [ { "name": "Sales", "parquet": "sales.parquet" } ], "cubes": [ { "name": "Sales", "factTable": "Sales" } ] }""");
        using var session = TestData.NewSession();
        var error = Assert.Throws<Cuboid.ModelFiles.ModelFileException>(() => Cuboid.ModelFiles.CubeModelFile.Load(session, model));
        Assert.Contains("tables[0].parquet", error.Message, StringComparison.Ordinal);
        Assert.Contains("reading parquet files needs Cuboid.Parquet: call session.UseParquet() first", error.Message, StringComparison.Ordinal);
    }
}
