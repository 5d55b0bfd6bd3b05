using System.Globalization;
using System.Text;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

public sealed class CsvLoadTests
{
    private static DataType[] Types(Table table) => [.. table.Columns.Select(c => c.DataType)];

    [Fact]
    public void ReadCsvInfersTypesAndLoadsEveryRow()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("""
            Id,Name,Qty,Big,Price,Active,Day,At,Note
            1,Apple,3,3000000000,1.5,true,2024-01-31,2024-01-31 10:11:12,
            2,Pear,-4,5,2,false,2024-02-29,2024-02-29T00:00:00,x
            3,Fig,,7,1e3,True,,2024-03-01 23:59:59,
            """);
        var table = session.ReadCsv(path);

        Assert.Equal("data", table.Name);
        Assert.Same(table, session.Tables["data"]);
        Assert.Equal(["Id", "Name", "Qty", "Big", "Price", "Active", "Day", "At", "Note"], table.Columns.Select(c => c.Name));
        Assert.Equal([DataType.Int, DataType.String, DataType.Int, DataType.Long, DataType.Double, DataType.Boolean, DataType.LocalDate, DataType.LocalDateTime, DataType.String], Types(table));
        Assert.Equal(3, table.RowCount);
        var rows = table.Query().Rows().ToList();
        Assert.Equal([1, "Apple", 3, 3_000_000_000L, 1.5, true, new DateOnly(2024, 1, 31), new DateTime(2024, 1, 31, 10, 11, 12), "N/A"], rows[0]);
        Assert.Equal([2, "Pear", -4, 5L, 2.0, false, new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29), "x"], rows[1]);
        Assert.Equal([3, "Fig", null, 7L, 1000.0, true, new DateOnly(1970, 1, 1), new DateTime(2024, 3, 1, 23, 59, 59), "N/A"], rows[2]);
    }

    [Fact]
    public void InferenceLooksAtTheFirstThousandRowsOnly()
    {
        using var session = TestData.NewSession();
        var text = new StringBuilder("A,B\n");
        for (var i = 1; i <= 1000; i++) text.Append(i).Append(',').Append(i).Append('\n');
        text.Append("1001,1.5\n");
        var path = TestData.TempFile(text.ToString());

        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "T" }));
        Assert.Equal($"Nothing was loaded into table 'T': {path}:1002, column 'B': '1.5' is not a valid Int.", e.Message);
        Assert.False(session.Tables.ContainsKey("T"));   // a failed read leaves no table behind

        var table = session.ReadCsv(path, new CsvOptions { TableName = "T", InferenceRows = 1001 });
        Assert.Equal([DataType.Int, DataType.Double], Types(table));
        Assert.Equal(1001, table.RowCount);

        var given = session.ReadCsv(path, new CsvOptions { TableName = "U", Types = new Dictionary<string, DataType> { ["B"] = DataType.Float, ["A"] = DataType.Long } });
        Assert.Equal([DataType.Long, DataType.Float], Types(given));
        Assert.Equal(1.5f, given.Query(filter: given["A"] == 1001L).Rows().Single()[1]);
    }

    [Fact]
    public void NumbersThatInferenceAcceptsAlsoLoad()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Qty,Price,Big\n 1,+2, 1.5,3000000000 \n2 ,-3,2.5 , 4\n3,4,-1e-2,+5\n");
        var table = session.ReadCsv(path);
        Assert.Equal([DataType.Int, DataType.Int, DataType.Double, DataType.Long], Types(table));
        Assert.Equal([[1, 2, 1.5, 3_000_000_000L], [2, -3, 2.5, 4L], [3, 4, -0.01, 5L]], table.Query().Rows());
    }

    [Fact]
    public void InferenceKeepsTextColumnsAsStrings()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("A,B,C,D,E\n1,NaN,2024-01-01,x,\n2,Infinity,2024-13-01,1,\n");
        var table = session.ReadCsv(path);
        Assert.Equal([DataType.Int, DataType.String, DataType.String, DataType.String, DataType.String], Types(table));
        Assert.Equal([[1, "NaN", "2024-01-01", "x", "N/A"], [2, "Infinity", "2024-13-01", "1", "N/A"]], table.Query().Rows());
    }

    [Fact]
    public void InferenceFindsTimesOfDayAndZonedDateTimes()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Open,At,Mixed\n09:30,2026-03-14T09:30:00+01:00,2026-03-14T09:30:00\n17:05:01,2026-03-14T10:00:00Z,2026-03-14T10:00:00Z\n");
        var table = session.ReadCsv(path);
        Assert.Equal([DataType.LocalTime, DataType.ZonedDateTime, DataType.String], Types(table));
        var rows = table.Query().Rows().ToList();
        Assert.Equal(new TimeOnly(17, 5, 1), rows[1][0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 9, 30, 0, TimeSpan.FromHours(1)), rows[0][1]);
        Assert.Equal("2026-03-14T10:00:00Z", rows[1][2]);   // local and zoned date-times mixed: text
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    [InlineData(',')]
    public void SeparatorsAreGivenOrDetected(char separator)
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile($"Id{separator}Name{separator}Price\n1{separator}a{separator}1.5\n2{separator}b{separator}2.5\n");
        foreach (var (name, options) in new[] { ("Given", new CsvOptions { Separator = separator }), ("Detected", new CsvOptions()) })
        {
            var table = session.ReadCsv(path, options with { TableName = name });
            Assert.Equal(["Id", "Name", "Price"], table.Columns.Select(c => c.Name));
            Assert.Equal([[1, "a", 1.5], [2, "b", 2.5]], table.Query().Rows());
        }
    }

    [Fact]
    public void QuotedFieldsHoldSeparatorsQuotesAndLineBreaks()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Text,Value\n1,\"a,b\",1\n2,\"say \"\"hi\"\"\",2\n3,\"two\nlines\",3\n4,\"\",4\n5,plain,5\n");
        var table = session.ReadCsv(path);
        Assert.Equal([DataType.Int, DataType.String, DataType.Int], Types(table));
        Assert.Equal(["a,b", "say \"hi\"", "two\nlines", "N/A", "plain"], table.Query().Column("Text").Values.Cast<string>());
        Assert.Equal([1, 2, 3, 4, 5], table.Query().Column("Value").Values.Cast<int>());
    }

    [Fact]
    public void QuotedNumbersParse()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("\"Id\",\"Price\"\n\"1\",\"2.5\"\n");
        var table = session.ReadCsv(path);
        Assert.Equal(["Id", "Price"], table.Columns.Select(c => c.Name));
        Assert.Equal([DataType.Int, DataType.Double], Types(table));
        Assert.Equal([[1, 2.5]], table.Query().Rows());
    }

    [Fact]
    public void Latin1FilesNeedTheirEncoding()
    {
        using var session = TestData.NewSession();
        var path = Path.Combine(TestData.TempDirectory(), "cities.csv");
        File.WriteAllText(path, "City,Pop\nZürich,1\nSão Paulo,2\nOrléans,3\n", Encoding.Latin1);
        var table = session.ReadCsv(path, new CsvOptions { Encoding = Encoding.Latin1 });
        Assert.Equal("cities", table.Name);
        Assert.Equal(["Zürich", "São Paulo", "Orléans"], table.Query().Column("City").Values.Cast<string>());

        // Read as UTF-8 the accents would be lost: an error says where instead.
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path, new CsvOptions { TableName = "utf8" }));
        Assert.Equal(new RejectedRow(path, 2, "City", "bytes FC 72 69 63 are not valid utf-8"), e.Rejected.Single());
    }

    [Fact]
    public void Utf8WithBomReadsTheFirstHeaderName()
    {
        using var session = TestData.NewSession();
        var path = Path.Combine(TestData.TempDirectory(), "bom.csv");
        File.WriteAllText(path, "Id,Name\n1,é\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var table = session.ReadCsv(path);
        Assert.Equal(["Id", "Name"], table.Columns.Select(c => c.Name));
        Assert.Equal([[1, "é"]], table.Query().Rows());
    }

    [Fact]
    public void DatePatternsParseDatesAndDateTimes()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Day,At,Iso\n31/01/2024,31/01/2024 10:11,2024-01-31\n01/02/2024,01/02/2024 00:00,2024-02-01\n");
        var table = session.ReadCsv(path, new CsvOptions { DatePatterns = ["dd/MM/yyyy", "dd/MM/yyyy HH:mm"] });
        Assert.Equal([DataType.LocalDate, DataType.LocalDateTime, DataType.LocalDate], Types(table));
        Assert.Equal([new DateOnly(2024, 1, 31), new DateTime(2024, 1, 31, 10, 11, 0), new DateOnly(2024, 1, 31)], table.Query().Rows().First());
        Assert.Equal([new DateOnly(2024, 2, 1), new DateTime(2024, 2, 1), new DateOnly(2024, 2, 1)], table.Query().Rows().Last());

        // Java pattern letters (uuuu) work too.
        var java = session.ReadCsv(path, new CsvOptions { TableName = "java", DatePatterns = ["dd/MM/uuuu"] });
        Assert.Equal(DataType.LocalDate, java["Day"].DataType);
        Assert.Equal(new DateOnly(2024, 1, 31), java.Query().Column("Day")[0]);
    }

    [Fact]
    public void ArraySeparatorSplitsVectors()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Values,Ints\n1,1;2;3,4;5\n2,\"[0.5; 1.5]\",6\n3,,\n");
        var types = new Dictionary<string, DataType> { ["Values"] = DataType.DoubleArray, ["Ints"] = DataType.LongArray };
        var table = session.ReadCsv(path, new CsvOptions { Types = types });
        Assert.Equal([DataType.Int, DataType.DoubleArray, DataType.LongArray], Types(table));
        var rows = table.Query().Rows().ToList();
        Assert.Equal([1.0, 2.0, 3.0], (double[])rows[0][1]!);
        Assert.Equal([4L, 5L], (long[])rows[0][2]!);
        Assert.Equal([0.5, 1.5], (double[])rows[1][1]!);
        Assert.Equal([6L], (long[])rows[1][2]!);
        Assert.Null(rows[2][1]);
        Assert.Null(rows[2][2]);

        var pipe = TestData.TempFile("Id;Values\n1;1|2\n");
        var other = session.ReadCsv(pipe, new CsvOptions { TableName = "pipe", Separator = ';', ArraySeparator = '|', Types = new Dictionary<string, DataType> { ["Values"] = DataType.IntArray } });
        Assert.Equal([1, 2], (int[])other.Query().Column("Values")[0]!);
    }

    [Fact]
    public void TrueAndFalseValuesAreConfigurable()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Flag\n1,Y\n2,N\n3,\n");
        var table = session.ReadCsv(path, new CsvOptions { TrueValues = ["Y"], FalseValues = ["N"] });
        Assert.Equal(DataType.Boolean, table["Flag"].DataType);
        Assert.Equal([true, false, false], table.Query().Column("Flag").Values.Cast<bool?>());

        var plain = session.ReadCsv(path, new CsvOptions { TableName = "plain" });
        Assert.Equal(DataType.String, plain["Flag"].DataType);
    }

    [Fact]
    public void NullValuesBecomeNullsOrDefaults()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Name,Qty,Day\n1,NULL,NULL,NULL\n2,-,5,-\n3,x,,2024-01-01\n");
        var table = session.ReadCsv(path, new CsvOptions { NullValues = ["NULL", "-"] });
        Assert.Equal([DataType.Int, DataType.String, DataType.Int, DataType.LocalDate], Types(table));
        var epoch = new DateOnly(1970, 1, 1);
        Assert.Equal([[1, "N/A", null, epoch], [2, "N/A", 5, epoch], [3, "x", null, new DateOnly(2024, 1, 1)]], table.Query().Rows());
    }

    [Fact]
    public void DefaultValuesReplaceEmptyFields()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Name,Qty\n1,,\n2,b,7\n");
        var table = session.ReadCsv(path, new CsvOptions { DefaultValues = new Dictionary<string, object?> { ["Name"] = "?", ["Qty"] = 0 } });
        Assert.Equal([[1, "?", 0], [2, "b", 7]], table.Query().Rows());
    }

    [Fact]
    public void RenamesApplyBeforeTypesKeysAndDefaults()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("id,product name,qty\n1,a,1\n2,b,2\n1,c,3\n");
        var table = session.ReadCsv(path, new CsvOptions
        {
            ColumnRenames = new Dictionary<string, string> { ["id"] = "Id", ["product name"] = "Product" },
            Types = new Dictionary<string, DataType> { ["Id"] = DataType.Long },
            Keys = ["Id"],
        });
        Assert.Equal(["Id", "Product", "qty"], table.Columns.Select(c => c.Name));
        Assert.Equal([DataType.Long, DataType.String, DataType.Int], Types(table));
        Assert.Equal(["Id"], table.Keys);
        Assert.Equal([[2L, "b", 2], [1L, "c", 3]], table.Query().Rows());
    }

    [Fact]
    public void TypesForUnknownColumnsAreAnError()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("A\n1\n");
        var e = Assert.Throws<ArgumentException>(() => session.ReadCsv(path, new CsvOptions { Types = new Dictionary<string, DataType> { ["B"] = DataType.Int } }));
        Assert.StartsWith($"A type is given for 'B', which is not a column of {path}.", e.Message);
        Assert.Empty(session.Tables);
    }

    [Fact]
    public void KeysUpsertWithinOneFileAndAcrossLoads()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Shop,Qty\n1,A,1\n2,A,2\n1,A,3\n1,B,4\n");
        var table = session.ReadCsv(path, new CsvOptions { Keys = ["Id", "Shop"] });
        Assert.Equal([[2, "A", 2], [1, "A", 3], [1, "B", 4]], table.Query().Rows());

        var more = Path.Combine(Path.GetDirectoryName(path)!, "more.csv");
        File.WriteAllText(more, "Qty,Shop,Id,Extra\n30,A,1,ignored\n5,C,1,ignored\n");
        var report = table.Load(new CsvLoad(more));
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.RowsLoaded);
        Assert.Equal([[2, "A", 2], [1, "B", 4], [1, "A", 30], [1, "C", 5]], table.Query().Rows());
    }

    [Fact]
    public void LoadIntoAnExistingTableUsesItsTypes()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Code"] = DataType.String, ["Value"] = DataType.Float, ["When"] = DataType.LocalTime, ["Z"] = DataType.ZonedDateTime });
        var path = TestData.TempFile("Code,Value,When,Z\n007,1.25,08:30:00,2024-01-01T10:00:00+02:00\n010,,23:59,2024-06-01T00:00:00Z\n");
        table.Load(new CsvLoad(path));
        Assert.Equal([["007", 1.25f, new TimeOnly(8, 30), new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromHours(2))],
            ["010", null, new TimeOnly(23, 59), new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero)]], table.Query().Rows());
    }

    [Fact]
    public void AtotiZonedDateTimesWithARegionParse()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Z"] = DataType.ZonedDateTime });
        var path = TestData.TempFile("Z\n2024-01-01T10:00:00+01:00[Europe/Paris]\n2024-01-01T10:00Z[UTC]\n");
        table.Load(new CsvLoad(path));
        Assert.Equal([new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero)],
            table.Query().Column("Z").Values.Cast<DateTimeOffset?>());
    }

    [Fact]
    public void CultureChangesTheNumberFormat()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id;Price\n1;1,5\n2;2\n");
        var table = session.ReadCsv(path, new CsvOptions { Separator = ';', Culture = CultureInfo.GetCultureInfo("fr-FR") });
        Assert.Equal(DataType.Double, table["Price"].DataType);
        Assert.Equal([1.5, 2.0], table.Query().Column("Price").Values.Cast<double?>());
    }

    [Fact]
    public void AGlobLoadsEveryFileInNameOrder()
    {
        using var session = TestData.NewSession();
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "sales_2.csv"), "Id,Qty\n3,30\n4,40\n");
        File.WriteAllText(Path.Combine(dir, "sales_1.csv"), "Id,Qty\n1,10\n2,20\n");
        File.WriteAllText(Path.Combine(dir, "sales_3.csv"), "Qty,Id\n50,5\n");   // other column order
        File.WriteAllText(Path.Combine(dir, "other.csv"), "Id,Qty\n99,99\n");
        var table = session.ReadCsv(Path.Combine(dir, "sales_*.csv"), new CsvOptions { TableName = "Sales" });
        Assert.Equal(5, table.RowCount);
        Assert.Equal([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]], table.Query().Rows());

        var more = session.CreateTable("All", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Qty"] = DataType.Int });
        var report = more.Load(new CsvLoad(Path.Combine(dir, "*.csv")));
        Assert.Equal(6, report.RowsRead);
        Assert.Equal([99, 1, 2, 3, 4, 5], more.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void RecursiveGlobsFindNestedFiles()
    {
        using var session = TestData.NewSession();
        var dir = TestData.TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir, "a", "b"));
        File.WriteAllText(Path.Combine(dir, "a", "part-1.csv"), "Id\n1\n");
        File.WriteAllText(Path.Combine(dir, "a", "b", "part-2.csv"), "Id\n2\n");
        File.WriteAllText(Path.Combine(dir, "a", "b", "skip.txt"), "Id\n3\n");
        var table = session.ReadCsv(Path.Combine(dir, "**", "part-*.csv"), new CsvOptions { TableName = "Parts" });
        Assert.Equal([1, 2], table.Query().Column("Id").Values.Cast<int>().Order());
    }

    [Fact]
    public void MissingFilesAreErrors()
    {
        using var session = TestData.NewSession();
        var dir = TestData.TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => session.ReadCsv(Path.Combine(dir, "none.csv")));
        Assert.Equal($"No file '{Path.Combine(dir, "none.csv")}'.", e.Message);
        e = Assert.Throws<FileNotFoundException>(() => session.ReadCsv(Path.Combine(dir, "*.csv")));
        Assert.Equal($"No file matches '{Path.Combine(dir, "*.csv")}'.", e.Message);
        Assert.Empty(session.Tables);
    }

    [Fact]
    public void LargeFilesSpanSeveralChunksInOrder()
    {
        using var session = TestData.NewSession();
        const int rows = 150_000;
        var text = new StringBuilder("Id,Name,Value\n");
        for (var i = 0; i < rows; i++) text.Append(i).Append(",n").Append(i % 100).Append(',').Append(i % 3 == 0 ? "" : (i * 0.25).ToString(CultureInfo.InvariantCulture)).Append('\n');
        var path = TestData.TempFile(text.ToString());
        var progress = new List<long>();
        var table = session.ReadCsv(path, new CsvOptions { Keys = ["Id"], Progress = new SyncProgress(progress) });
        Assert.Equal(rows, table.RowCount);
        Assert.Equal(rows, progress[^1]);
        var result = table.Query();
        var ids = (int?[])result.Column("Id").Values;
        var names = (string?[])result.Column("Name").Values;
        var values = (double?[])result.Column("Value").Values;
        for (var i = 0; i < rows; i++)
        {
            if (ids[i] != i || names[i] != "n" + (i % 100) || values[i] != (i % 3 == 0 ? null : i * 0.25)) Assert.Fail($"row {i}: {ids[i]} {names[i]} {values[i]}");
        }
    }

    [Fact]
    public void WindowsLineEndingsAreNotPartOfValues()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("Id,Name,Price\r\n1,a,1.5\r\n2,\"b\r\nc\",2\r\n3,d,\r\n");
        var table = session.ReadCsv(path);
        Assert.Equal([DataType.Int, DataType.String, DataType.Double], Types(table));
        Assert.Equal([[1, "a", 1.5], [2, "b\r\nc", 2.0], [3, "d", null]], table.Query().Rows());
    }

    [Fact]
    public void AHeaderOnlyFileMakesAnEmptyStringTable()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("A,B\n");
        var table = session.ReadCsv(path);
        Assert.Equal(["A", "B"], table.Columns.Select(c => c.Name));
        Assert.Equal([DataType.String, DataType.String], Types(table));
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void AnEmptyFileIsAnError()
    {
        using var session = TestData.NewSession();
        var path = TestData.TempFile("");
        var e = Assert.Throws<LoadException>(() => session.ReadCsv(path));
        Assert.Equal($"{path}:1: the file is empty; a header row is expected.", e.Message);
        Assert.Empty(session.Tables);
    }
}
