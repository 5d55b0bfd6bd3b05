using System.IO.Compression;
using System.Text;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

/// <summary>
/// Files of more than one 8 MB read range, plain (cut by offset) and gzipped (cut as they inflate):
/// the parallel reader must keep rows, order and line numbers right.
/// </summary>
public sealed class CsvLargeFileTests
{
    private const int Rows = 600_000;   // ~14 MB: two ranges

    private static string Write(bool gzip, Func<int, string> line, string header = "Id,Name,Value")
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < Rows; i++) text.Append(line(i)).Append('\n');
        Assert.True(text.Length > 8 << 20, $"the file has {text.Length} chars");
        if (!gzip) return TestData.TempFile(text.ToString());
        var path = Path.Combine(TestData.TempDirectory(), "data.csv.gz");
        using (var file = new GZipStream(File.Create(path), CompressionLevel.Fastest)) file.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return path;
    }

    private static string Good(int i) => $"{i},name-{i % 97:D4},{i * 0.5}";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryRowLoadsInFileOrder(bool gzip)
    {
        using var session = TestData.NewSession();
        var path = Write(gzip, Good);
        var table = session.ReadCsv(path, new CsvOptions { Keys = ["Id"] });
        Assert.Equal([DataType.Int, DataType.String, DataType.Double], table.Columns.Select(c => c.DataType));
        Assert.Equal(Rows, table.RowCount);
        var result = table.Query();
        var ids = (int?[])result.Column("Id").Values;
        var names = (string?[])result.Column("Name").Values;
        var values = (double?[])result.Column("Value").Values;
        for (var i = 0; i < Rows; i++)
        {
            if (ids[i] != i || names[i] != $"name-{i % 97:D4}" || values[i] != i * 0.5) Assert.Fail($"row {i}: {ids[i]} {names[i]} {values[i]}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RejectedRowsKeepTheirFileLineInEveryRange(bool gzip)
    {
        using var session = TestData.NewSession();
        int[] bad = [0, 1, 299_999, 300_000, 450_123, Rows - 1];
        var path = Write(gzip, i => Array.IndexOf(bad, i) >= 0 ? (i % 2 == 0 ? $"{i},x,oops" : $"{i},x") : Good(i));
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double });

        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'T': {path}:2, column 'Value': 'oops' is not a valid Double.", e.Message);
        Assert.Equal(0, table.RowCount);

        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal(Rows, report.RowsRead);
        Assert.Equal(Rows - bad.Length, report.RowsLoaded);
        Assert.Equal(bad.Select(i => (long)i + 2), report.Rejected.Select(r => r.Line));   // line = row index + 2 (the header is line 1)
        Assert.Equal(bad.Select(i => i % 2 == 0 ? "'oops' is not a valid Double" : "the row has 2 fields, the header has 3"), report.Rejected.Select(r => r.Reason));
        var ids = table.Query().Column("Id").Values.Cast<int>().ToList();
        Assert.Equal(Enumerable.Range(0, Rows).Where(i => Array.IndexOf(bad, i) < 0), ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void QuotedLineBreaksFarIntoTheFileStillLoad(bool gzip)
    {
        using var session = TestData.NewSession();
        var path = Write(gzip, i => i % 100_000 == 50_000 ? $"{i},\"two\nlines\",{i * 0.5}" : i == 550_001 ? $"{i},x,bad" : Good(i));
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double });
        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal(Rows - 1, table.RowCount);
        Assert.Equal(6, table.Query(filter: table["Name"] == "two\nlines").RowCount);
        // Six rows before it span two lines each.
        Assert.Equal([new RejectedRow(path, 550_001 + 2 + 6, "Value", "'bad' is not a valid Double")], report.Rejected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DetectedSeparatorIsTheHeadersInEveryRange(bool gzip)
    {
        using var session = TestData.NewSession();
        var path = Write(gzip, i => $"{i},{i % 10};{i % 7};{i % 13};{i % 5}", "Id,Vector");
        var table = session.ReadCsv(path, new CsvOptions { Types = new Dictionary<string, DataType> { ["Vector"] = DataType.IntArray } });
        Assert.Equal(Rows, table.RowCount);
        var last = table.Query(filter: table["Id"] == Rows - 1).Rows().Single();
        Assert.Equal([(Rows - 1) % 10, (Rows - 1) % 7, (Rows - 1) % 13, (Rows - 1) % 5], (int[])last[1]!);
    }
}
