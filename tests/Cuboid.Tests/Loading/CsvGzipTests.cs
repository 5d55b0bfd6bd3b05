using System.IO.Compression;
using System.Text;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

/// <summary>Gzip-compressed CSV (<c>.csv.gz</c>) reads like the plain file, streamed; damaged data fails the whole load.</summary>
public sealed class CsvGzipTests
{
    private const string Sales = "Id,Product,Qty,Day\n1,apple,3,2024-01-01\n2,pear,5,2024-01-02\n3,apple,2,2024-01-03\n";

    private static byte[] Gzip(string text)
    {
        using var bytes = new MemoryStream();
        using (var gzip = new GZipStream(bytes, CompressionLevel.Optimal)) gzip.Write(Encoding.UTF8.GetBytes(text));
        return bytes.ToArray();
    }

    private static string WriteGzip(string text, string name = "sales.csv.gz") => WriteBytes(Gzip(text), name);

    private static string WriteBytes(byte[] bytes, string name)
    {
        var path = Path.Combine(TestData.TempDirectory(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void AGzipFileLoadsAsThePlainFileDoesAndIsNamedWithoutItsExtensions()
    {
        using var session = TestData.NewSession();
        var gz = session.ReadCsv(WriteGzip(Sales), new CsvOptions { Keys = ["Id"] });
        var plain = session.ReadCsv(TestData.TempFile(Sales), new CsvOptions { TableName = "plain", Keys = ["Id"] });

        Assert.Equal("sales", gz.Name);
        Assert.Equal(plain.Columns.Select(c => (c.Name, c.DataType)), gz.Columns.Select(c => (c.Name, c.DataType)));
        Assert.Equal([DataType.Int, DataType.String, DataType.Int, DataType.LocalDate], gz.Columns.Select(c => c.DataType));
        Assert.Equal(plain.Query().Rows(), gz.Query().Rows());
        Assert.Equal([1, "apple", 3, new DateOnly(2024, 1, 1)], gz.Query().Rows().First());
    }

    [Fact]
    public void GzipIsKnownByItsBytesWhateverTheFileIsCalled()
    {
        using var session = TestData.NewSession();
        var table = session.ReadCsv(WriteGzip(Sales, "sales.csv"));
        Assert.Equal(3, table.RowCount);
        Assert.Equal(["Id", "Product", "Qty", "Day"], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void AGlobMixesCompressedAndPlainFilesInNameOrder()
    {
        using var session = TestData.NewSession();
        var dir = TestData.TempDirectory();
        File.WriteAllBytes(Path.Combine(dir, "part-1.csv.gz"), Gzip("Id,Qty\n1,10\n2,20\n"));
        File.WriteAllText(Path.Combine(dir, "part-2.csv"), "Id,Qty\n3,30\n");
        File.WriteAllBytes(Path.Combine(dir, "part-3.csv.gz"), Gzip("Id,Qty\n4,40\n"));
        var table = session.ReadCsv(Path.Combine(dir, "part-*"), new CsvOptions { TableName = "parts" });
        Assert.Equal([1, 2, 3, 4], table.Query().Column("Id").Values.Cast<int>());
        Assert.Equal([10, 20, 30, 40], table.Query().Column("Qty").Values.Cast<int>());
    }

    [Fact]
    public void RejectedRowsNameTheCompressedFileAndTheirLine()
    {
        using var session = TestData.NewSession();
        var path = WriteGzip("Id,Qty\n1,10\n2,x\n3,\"two\nlines\"\n4,40\n5\n");
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Qty"] = DataType.Int });
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'T': {path}:3, column 'Qty': 'x' is not a valid Int.", e.Message);

        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal([3L, 4L, 7L], report.Rejected.Select(r => r.Line));
        Assert.Equal([1, 4], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void ConcatenatedGzipMembersAreOneFile()
    {
        using var session = TestData.NewSession();
        var path = WriteBytes([.. Gzip("Id,Qty\n1,10\n"), .. Gzip("2,20\n3,30\n")], "joined.csv.gz");
        var table = session.ReadCsv(path);
        Assert.Equal([1, 2, 3], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void ACutShortFileLoadsNothingAndSaysWhere()
    {
        using var session = TestData.NewSession();
        var text = new StringBuilder("Id,Name,Value\n");
        for (var i = 0; i < 200_000; i++) text.Append(i).Append(",name-").Append(i % 1000).Append(',').Append(i * 0.25).Append('\n');
        var whole = Gzip(text.ToString());
        var path = WriteBytes(whole[..(whole.Length * 2 / 3)], "cut.csv.gz");

        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Value"] = DataType.Double }, keys: ["Id"]);
        table.Append([-1, "kept", 0.0]);
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.StartsWith($"{path}:", e.Message, StringComparison.Ordinal);
        Assert.Contains("the gzip data is damaged or cut short", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("nothing was loaded from the file.", e.Message, StringComparison.Ordinal);
        var line = e.Rejected.Single().Line;
        Assert.InRange(line, 100_000, 200_001);   // where the bytes ran out: far into the file, never line 1
        Assert.Equal([[-1, "kept", 0.0]], table.Query().Rows());

        // Reading it as a new table leaves no table behind either.
        Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "cut" }));
        Assert.False(session.Tables.ContainsKey("cut"));
    }

    [Fact]
    public void ADamagedByteFailsTheChecksum()
    {
        using var session = TestData.NewSession();
        var bytes = Gzip(Sales);
        bytes[^6] ^= 0xFF;   // inside the trailer's CRC-32
        var path = WriteBytes(bytes, "bad.csv.gz");
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path));
        Assert.Contains("the gzip data is damaged or cut short", e.Message, StringComparison.Ordinal);
        Assert.Empty(session.Tables);
    }

    [Fact]
    public void ALineThatNeverEndsIsAnErrorNotABoundlessBuffer()
    {
        using var session = TestData.NewSession();
        // 100 MB of one line inflate from about 100 KB: the reader stops at Sep's limit instead of holding it all.
        var path = Path.Combine(TestData.TempDirectory(), "bomb.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write("Id,Text\n1,"u8);
            var zeros = new byte[1 << 20];
            zeros.AsSpan().Fill((byte)'0');
            for (var i = 0; i < 100; i++) gzip.Write(zeros);
        }
        Assert.True(new FileInfo(path).Length < 1 << 20);
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Text"] = DataType.String });
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"{path}:2: the row is longer than 16 M characters (an unterminated quote?); nothing was loaded from the file.", e.Message);
        Assert.Equal(0, table.RowCount);
    }
}
