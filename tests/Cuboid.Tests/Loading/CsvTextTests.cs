using System.IO.Compression;
using System.Text;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

/// <summary>
/// Text that would load changed without a word: a quote that never closes (Sep would take the rest
/// of the file as one field), bytes that are not valid UTF-8 (a decoder would make them U+FFFD).
/// Both are errors naming the line (and the field), in the parallel and the sequential readers.
/// </summary>
public sealed class CsvTextTests
{
    private static readonly Dictionary<string, DataType> s_types = new() { ["Id"] = DataType.Int, ["Name"] = DataType.String };

    private static string Write(byte[] bytes, string name = "data.csv")
    {
        var path = Path.Combine(TestData.TempDirectory(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Over 8 MB of good rows (more than one read range), then <paramref name="tail"/>.</summary>
    private static byte[] Large(byte[] tail)
    {
        var text = new StringBuilder("Id,Name\n");
        for (var i = 0; i < 600_000; i++) text.Append(i).Append(",name-").Append(i % 97).Append('\n');
        return [.. Encoding.UTF8.GetBytes(text.ToString()), .. tail];
    }

    [Fact]
    public void AQuoteThatNeverClosesIsRejectedAtItsLine()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Name\n1,\"never closed\n2,b\n");
        var table = session.CreateTable("T", s_types);
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'T': {path}:2: a quote opened on this line is never closed: the rest of the file would be one field.", e.Message);
        Assert.Equal(0, table.RowCount);

        var skipped = table.Load(new CsvLoad(TestData.TempFile("Id,Name\n1,a\n2,\"never closed\n"), new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal([3L], skipped.Rejected.Select(r => r.Line));
        Assert.Equal(1, table.RowCount);
    }

    [Fact]
    public void AQuoteThatNeverClosesOnTheLastLineOfALargeFile()
    {
        using var session = TestData.NewSession();
        var path = Write(Large("600000,\"never closed\n"u8.ToArray()));
        var table = session.CreateTable("T", s_types);
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal(new RejectedRow(path, 600_002, null, "a quote opened on this line is never closed: the rest of the file would be one field"), e.Rejected.Single());
    }

    [Fact]
    public void BytesThatAreNotUtf8FailTheLoadAtTheirLineAndField()
    {
        using var session = TestData.NewSession();
        var path = Write([.. "Id,Name\n1,ok\n2,ab"u8, 0xFF, 0xFE, .. "c\n3,d\n"u8]);
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "T" }));
        Assert.Equal($"{path}:3, column 'Name': bytes FF FE 63 0A are not valid utf-8; nothing was loaded from the file (CsvOptions.Encoding names the file's encoding; ReplaceInvalidText keeps such bytes as U+FFFD).", e.Message);
        Assert.False(session.Tables.ContainsKey("T"));

        var replaced = session.ReadCsv(path, new CsvOptions { TableName = "R", ReplaceInvalidText = true });
        Assert.Equal("ab\uFFFD\uFFFDc", replaced.Query(filter: replaced["Id"] == 2).Rows().Single()[1]);
    }

    [Fact]
    public void InvalidBytesFarIntoALargeOrGzippedFileAreFoundExactly()
    {
        using var session = TestData.NewSession();
        byte[] bytes = Large([.. "600000,x"u8, 0xC3, .. "\n600001,y\n"u8]);   // a lone lead byte
        var plain = Write(bytes);
        var table = session.CreateTable("T", s_types);
        Assert.Equal(new RejectedRow(plain, 600_002, "Name", "bytes C3 0A 36 30 are not valid utf-8"), Assert.Throws<LoadException>(() => table.Load(new CsvLoad(plain))).Rejected.Single());

        var gzipped = Path.Combine(TestData.TempDirectory(), "data.csv.gz");
        using (var gzip = new GZipStream(File.Create(gzipped), CompressionLevel.Fastest)) gzip.Write(bytes);
        Assert.Equal(600_002, Assert.Throws<LoadException>(() => table.Load(new CsvLoad(gzipped))).Rejected.Single().Line);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void TextInADeclaredEncodingLoads()
    {
        using var session = TestData.NewSession();
        var path = Write(Encoding.Latin1.GetBytes("Id,Name\n1,Café\n2,Crème\n"));
        Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "Utf8" }));
        var latin = session.ReadCsv(path, new CsvOptions { TableName = "Latin", Encoding = Encoding.Latin1 });
        Assert.Equal(["Café", "Crème"], latin.Query().Column("Name").Values.Cast<string>());
    }
}
