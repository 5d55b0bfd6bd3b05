using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

public sealed class CsvErrorTests
{
    private static readonly Dictionary<string, DataType> s_salesTypes = new() { ["Id"] = DataType.Int, ["Product"] = DataType.String, ["Qty"] = DataType.Int, ["Day"] = DataType.LocalDate };

    /// <summary>A keyed table that already holds two rows, to check that failed loads leave it exactly as it was.</summary>
    private static Table Sales(Session session)
    {
        var table = session.CreateTable("Sales", s_salesTypes, keys: ["Id"]);
        table.Append([1, "old", 10, new DateOnly(2020, 1, 1)], [2, "old", 20, new DateOnly(2020, 1, 2)]);
        return table;
    }

    private static readonly object?[][] s_before = [[1, "old", 10, new DateOnly(2020, 1, 1)], [2, "old", 20, new DateOnly(2020, 1, 2)]];

    private static void AssertUnchanged(Table table)
    {
        Assert.Equal(2, table.RowCount);
        Assert.Equal(s_before, table.Query().Rows());
        Assert.Equal(2, table.Store.KeyIndex!.Count);
    }

    // Line 1 is the header; line 3 has a bad quantity, line 5 a missing field, line 6 an empty key, line 8 a bad date.
    private const string BadFile = "Id,Product,Qty,Day\n1,new,1,2024-01-01\n3,x,three,2024-01-01\n4,y,4,2024-01-04\n5,z\n,w,6,2024-01-06\n7,v,7,2024-01-07\n8,u,8,2024-02-30\n";

    [Fact]
    public void LineNumbersCountTheHeaderAsLineOne()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Qty,Day\n3,a,x,2024-01-01\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'Sales': {path}:2, column 'Qty': 'x' is not a valid Int.", e.Message);
        Assert.Equal([new RejectedRow(path, 2, "Qty", "'x' is not a valid Int")], e.Rejected);
        AssertUnchanged(table);
    }

    [Fact]
    public void FailIsTheDefaultAndNamesTheFirstBadRow()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile(BadFile);
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'Sales': {path}:3, column 'Qty': 'three' is not a valid Int.", e.Message);
        Assert.Equal(new RejectedRow(path, 3, "Qty", "'three' is not a valid Int"), e.Rejected[0]);
        AssertUnchanged(table);
    }

    [Fact]
    public void SkipLoadsTheRestAndReportsEveryBadRow()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile(BadFile);
        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal(7, report.RowsRead);
        Assert.Equal(3, report.RowsLoaded);
        Assert.Equal(
        [
            new RejectedRow(path, 3, "Qty", "'three' is not a valid Int"),
            new RejectedRow(path, 5, null, "the row has 2 fields, the header has 4"),
            new RejectedRow(path, 6, "Id", "the key column 'Id' is empty"),
            new RejectedRow(path, 8, "Day", "'2024-02-30' is not a valid LocalDate"),
        ], report.Rejected);
        Assert.Equal($"{path}:5: the row has 2 fields, the header has 4", report.Rejected[1].ToString());
        Assert.Equal($"{path}:3, column 'Qty': 'three' is not a valid Int", report.Rejected[0].ToString());
        Assert.Equal([1, 2, 4, 7], table.Query().Column("Id").Values.Cast<int>().Order());
        Assert.Equal([[2, "old"], [1, "new"], [4, "y"], [7, "v"]], table.Query([table["Id"], table["Product"]]).Rows());
    }

    [Fact]
    public void TooManyFieldsIsAlsoMalformed()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Qty,Day\n3,a,1,2024-01-01,extra\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'Sales': {path}:2: the row has 5 fields, the header has 4.", e.Message);
        AssertUnchanged(table);
    }

    [Fact]
    public void LinesCountLineBreaksInsideQuotes()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Qty,Day\n3,\"multi\nline\nname\",1,2024-01-01\n4,b,bad,2024-01-01\n");
        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal([new RejectedRow(path, 5, "Qty", "'bad' is not a valid Int")], report.Rejected);
        Assert.Equal("multi\nline\nname", table.Query(filter: table["Id"] == 3).Column("Product")[0]);
    }

    [Fact]
    public void NullKeysAreRejectedAlsoWhenGivenAsNullValues()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Qty,Day\nNULL,a,1,2024-01-01\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path, new CsvOptions { NullValues = ["NULL"] })));
        Assert.Equal($"Nothing was loaded into table 'Sales': {path}:2, column 'Id': the key column 'Id' is empty.", e.Message);
        AssertUnchanged(table);
    }

    [Fact]
    public void AMissingColumnNamesTheFileAndTheColumn()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Day\n3,a,2024-01-01\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip })));
        Assert.Equal($"{path}:1: the table 'Sales' has a column 'Qty' that the file does not have (its columns: Id, Product, Day).", e.Message);
        Assert.Equal([new RejectedRow(path, 1, "Qty", "missing column")], e.Rejected);
        AssertUnchanged(table);
    }

    [Fact]
    public void ADuplicateHeaderColumnIsAnError()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var path = TestData.TempFile("Id,Product,Qty,Day,Qty\n3,a,1,2024-01-01,2\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"{path}:1: the column 'Qty' appears twice in the header.", e.Message);
        Assert.Equal([new RejectedRow(path, 1, "Qty", "duplicate column")], e.Rejected);
        AssertUnchanged(table);

        e = Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "Dup" }));
        Assert.Equal($"{path}:1: the column 'Qty' appears twice in the header.", e.Message);
        Assert.False(session.Tables.ContainsKey("Dup"));
    }

    [Fact]
    public void RenamesThatCollideAreDuplicates()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("a,b\n1,2\n");
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { ColumnRenames = new Dictionary<string, string> { ["a"] = "b" } }));
        Assert.Equal($"{path}:1: the column 'b' appears twice in the header.", e.Message);
        Assert.Empty(session.Tables);
    }

    [Fact]
    public void AnErrorInALaterFileOfAGlobLoadsNothing()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "a.csv"), "Id,Product,Qty,Day\n3,a,1,2024-01-01\n4,b,2,2024-01-01\n");
        File.WriteAllText(Path.Combine(dir, "b.csv"), "Id,Product,Qty,Day\n5,c,3,2024-01-01\n6,d,4,01/01/2024\n");
        var glob = Path.Combine(dir, "*.csv");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(glob)));
        Assert.Equal($"Nothing was loaded into table 'Sales': {Path.Combine(dir, "b.csv")}:3, column 'Day': '01/01/2024' is not a valid LocalDate.", e.Message);
        AssertUnchanged(table);

        var report = table.Load(new CsvLoad(glob, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal(4, report.RowsRead);
        Assert.Equal(3, report.RowsLoaded);
        Assert.Equal([new RejectedRow(Path.Combine(dir, "b.csv"), 3, "Day", "'01/01/2024' is not a valid LocalDate")], report.Rejected);
        Assert.Equal([1, 2, 3, 4, 5], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void AMissingColumnInALaterFileOfAGlobLoadsNothing()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "a.csv"), "Id,Product,Qty,Day\n3,a,1,2024-01-01\n");
        File.WriteAllText(Path.Combine(dir, "b.csv"), "Id,Product,Day\n5,c,2024-01-01\n");
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(Path.Combine(dir, "*.csv"))));
        Assert.StartsWith($"{Path.Combine(dir, "b.csv")}:1: the table 'Sales' has a column 'Qty' that the file does not have", e.Message);
        AssertUnchanged(table);
    }

    [Fact]
    public void ErrorsDeepInALargeFileKeepTheTableUnchanged()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var text = new System.Text.StringBuilder("Id,Product,Qty,Day\n");
        for (var i = 0; i < 140_000; i++) text.Append(i + 10).Append(",p,").Append(i == 139_000 ? "oops" : "1").Append(",2024-01-01\n");
        var path = TestData.TempFile(text.ToString());
        var e = Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path)));
        Assert.Equal($"Nothing was loaded into table 'Sales': {path}:139002, column 'Qty': 'oops' is not a valid Int.", e.Message);
        AssertUnchanged(table);

        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal(140_000, report.RowsRead);
        Assert.Equal(139_999, report.RowsLoaded);
        Assert.Equal(140_001, table.RowCount);
    }

    [Fact]
    public void ReportsListRejectionsInLineOrderAcrossChunks()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["A"] = DataType.Int });
        var text = new System.Text.StringBuilder("A\n");
        for (var i = 0; i < 200_000; i++) text.Append(i % 40_000 == 7 ? "x" : "1").Append('\n');
        var path = TestData.TempFile(text.ToString());
        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        Assert.Equal([9L, 40_009L, 80_009L, 120_009L, 160_009L], report.Rejected.Select(r => r.Line));
        Assert.Equal(199_995, table.RowCount);
    }

    [Fact]
    public void LogWritesEveryRejectedRowToTheSessionLog()
    {
        var log = Path.Combine(TestData.TempDirectory(), "cuboid.log");
        var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = log });
        var table = Sales(session);
        var path = TestData.TempFile(BadFile);
        var report = table.Load(new CsvLoad(path, new CsvOptions { ErrorHandling = ErrorHandling.Log }));
        Assert.Equal(4, report.Rejected.Count);
        Assert.Equal([1, 2, 4, 7], table.Query().Column("Id").Values.Cast<int>().Order());
        session.Close();
        var lines = File.ReadAllLines(log).Where(l => l.Contains("rejected from 'Sales'")).ToList();
        Assert.Equal(4, lines.Count);
        Assert.EndsWith($"rejected from 'Sales': {path}:3, column 'Qty': 'three' is not a valid Int", lines[0]);
        Assert.EndsWith($"rejected from 'Sales': {path}:5: the row has 2 fields, the header has 4", lines[1]);
        Assert.EndsWith($"rejected from 'Sales': {path}:6, column 'Id': the key column 'Id' is empty", lines[2]);
        Assert.EndsWith($"rejected from 'Sales': {path}:8, column 'Day': '2024-02-30' is not a valid LocalDate", lines[3]);
    }

    [Fact]
    public void SkipWritesNothingToTheLog()
    {
        var log = Path.Combine(TestData.TempDirectory(), "cuboid.log");
        var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = log });
        var table = Sales(session);
        table.Load(new CsvLoad(TestData.TempFile(BadFile), new CsvOptions { ErrorHandling = ErrorHandling.Skip }));
        session.Close();
        var text = File.ReadAllText(log);
        Assert.DoesNotContain("rejected from", text);   // no row record; the load's own record counts them
        Assert.Contains("loaded 3 rows into 'Sales', 4 rejected, in ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedReadCsvLeavesNoTableAndTheNameFree()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Qty\n1,2\n2,3\n", ".csv");
        var bad = TestData.TempFile("Id,Qty\n1,2\n2\n");
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(bad, new CsvOptions { TableName = "T" }));
        Assert.Equal($"Nothing was loaded into table 'T': {bad}:3: the row has 1 fields, the header has 2.", e.Message);
        Assert.Empty(session.Tables);
        var table = session.ReadCsv(path, new CsvOptions { TableName = "T" });
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void ReadCsvWithSkipKeepsTheGoodRows()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Qty\n1,2\n,3\n3,x\n4,5\n");
        var table = session.ReadCsv(path, new CsvOptions { Keys = ["Id"], Types = new Dictionary<string, DataType> { ["Qty"] = DataType.Int }, ErrorHandling = ErrorHandling.Skip });
        Assert.Equal([[1, 2], [4, 5]], table.Query().Rows());
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void ARowLongerThanSepReadsIsAnErrorAtItsLine()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Product,Qty,Day\n1,a,1,2024-01-01\n2,\"" + new string('x', (16 << 20) + 10) + "\n3,c,3,2024-01-03\n");
        var expected = $"{path}:3: the row is longer than 16 M characters (an unterminated quote?); nothing was loaded from the file.";
        var table = Sales(session);
        Assert.Equal(expected, Assert.Throws<LoadException>(() => table.Load(new CsvLoad(path))).Message);
        AssertUnchanged(table);
        Assert.Equal(expected, Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "long" })).Message);
        Assert.False(session.Tables.ContainsKey("long"));
    }

    [Fact]
    public void AHeaderLongerThanSepReadsIsAnErrorAtLineOne()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,\"" + new string('x', (16 << 20) + 10) + "\n1,a\n");
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path));
        Assert.Equal($"{path}:1: the row is longer than 16 M characters (an unterminated quote?); nothing was loaded from the file.", e.Message);
        Assert.Empty(session.Tables);
    }
}
