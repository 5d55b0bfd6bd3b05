using Cuboid.Tests.Support;

namespace Cuboid.Tests.Loading;

public sealed class RecordLoadTests
{
    private sealed record Sale(int Id, string? Product, int? Qty, double Price, DateOnly Day);

    private sealed class SaleClass
    {
        public int Id;                              // a field
        public string? Product { get; set; }        // a property
        public long Qty { get; init; }              // converted to Int
        public decimal Price { get; set; }          // converted to Double
        public DateTime Day { get; set; }           // converted to LocalDate
        public string Ignored { get; set; } = "x";  // not a column
    }

    private struct SaleStruct
    {
        public int Id;
        public string Product;
        public short Qty;
        public float Price;
        public DateOnly? Day;
    }

    private enum Color { Red, Green }

    private static Table Sales(Session session, IReadOnlyList<string>? keys = null) => session.CreateTable("Sales",
        new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Product"] = DataType.String, ["Qty"] = DataType.Int, ["Price"] = DataType.Double, ["Day"] = DataType.LocalDate },
        keys ?? ["Id"]);

    private static readonly DateOnly s_d1 = new(2024, 1, 1);
    private static readonly DateOnly s_d2 = new(2024, 1, 2);

    [Fact]
    public void RecordsLoadByPropertyName()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var report = table.Load([new Sale(1, "Apple", 3, 1.5, s_d1), new Sale(2, null, null, 2, s_d2)]);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.RowsLoaded);
        Assert.Empty(report.Rejected);
        Assert.Equal([[1, "Apple", 3, 1.5, s_d1], [2, "N/A", null, 2.0, s_d2]], table.Query().Rows());
    }

    [Fact]
    public void ClassesWithFieldsAndConvertibleTypesLoad()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        table.Load(new List<SaleClass>
        {
            new() { Id = 1, Product = "Apple", Qty = 3, Price = 1.25m, Day = new DateTime(2024, 1, 1) },
            new() { Id = 2, Product = null, Qty = 4, Price = 2m, Day = new DateTime(2024, 1, 2) },
        });
        Assert.Equal([[1, "Apple", 3, 1.25, s_d1], [2, "N/A", 4, 2.0, s_d2]], table.Query().Rows());
    }

    [Fact]
    public void StructsWithNullableMembersLoad()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        table.Load([new SaleStruct { Id = 1, Product = "A", Qty = 2, Price = 0.5f, Day = s_d1 }, new SaleStruct { Id = 2, Product = "B", Qty = -1, Price = 1f, Day = null }]);
        Assert.Equal([[1, "A", 2, 0.5, s_d1], [2, "B", -1, 1.0, new DateOnly(1970, 1, 1)]], table.Query().Rows());
    }

    [Fact]
    public void AnonymousTypesLoadAndExtraMembersAreIgnored()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        table.Load(new[]
        {
            new { Day = s_d1, Price = 3.0, Qty = (int?)1, Product = "P", Id = 9, Extra = "ignored" },
            new { Day = s_d2, Price = 4.0, Qty = (int?)null, Product = "Q", Id = 10, Extra = "ignored" },
        });
        Assert.Equal([[9, "P", 1, 3.0, s_d1], [10, "Q", null, 4.0, s_d2]], table.Query().Rows());
    }

    [Fact]
    public void EnumsAndCharsBecomeStrings()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["C"] = DataType.String, ["Ch"] = DataType.String, ["N"] = DataType.String });
        table.Load([new { C = Color.Green, Ch = 'x', N = 42 }]);
        Assert.Equal([["Green", "x", "42"]], table.Query().Rows());
    }

    [Fact]
    public void ArraysLoadFromArraysAndLists()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["V"] = DataType.DoubleArray, ["I"] = DataType.IntArray });
        table.Load(new object[] { 1, 2 }.Select((_, i) => new { Id = i, V = i == 0 ? new[] { 1.0, 2.0 } : null, I = (IEnumerable<int>)new List<int> { i, i + 1 } }));
        var rows = table.Query().Rows().ToList();
        Assert.Equal([1.0, 2.0], (double[])rows[0][1]!);
        Assert.Null(rows[1][1]);
        Assert.Equal([0, 1], (int[])rows[0][2]!);
        Assert.Equal([1, 2], (int[])rows[1][2]!);
    }

    [Fact]
    public void TheLastRowOfAKeyWinsWithinOneLoadAndAcrossLoads()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        table.Load([new Sale(1, "a", 1, 1, s_d1), new Sale(2, "b", 2, 2, s_d1), new Sale(1, "c", 3, 3, s_d1), new Sale(3, "d", 4, 4, s_d1), new Sale(1, "e", 5, 5, s_d1)]);
        Assert.Equal(3, table.RowCount);
        Assert.Equal([[2, "b"], [3, "d"], [1, "e"]], table.Query([table["Id"], table["Product"]]).Rows());

        var report = table.Load([new Sale(2, "B", 20, 20, s_d2), new Sale(4, "f", 6, 6, s_d2)]);
        Assert.Equal(2, report.RowsLoaded);
        Assert.Equal(4, table.RowCount);
        Assert.Equal([[3, "d"], [1, "e"], [2, "B"], [4, "f"]], table.Query([table["Id"], table["Product"]]).Rows());
    }

    [Fact]
    public void MultiColumnKeysUpsertOnTheWholeTuple()
    {
        using var session = TestData.NewSession();
        var table = Sales(session, ["Product", "Day"]);
        table.Load([new Sale(1, "a", 1, 1, s_d1), new Sale(2, "a", 2, 2, s_d2), new Sale(3, "b", 3, 3, s_d1), new Sale(4, "a", 4, 4, s_d1)]);
        Assert.Equal([2, 3, 4], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void TableWithoutKeysKeepsDuplicates()
    {
        using var session = TestData.NewSession();
        var table = Sales(session, []);
        table.Load([new Sale(1, "a", 1, 1, s_d1), new Sale(1, "a", 1, 1, s_d1)]);
        table.Load([new Sale(1, "a", 1, 1, s_d1)]);
        Assert.Equal(3, table.RowCount);
    }

    [Fact]
    public void AMissingMemberIsAnErrorNamingTheColumn()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var e = Assert.Throws<LoadException>(() => table.Load([new { Id = 1, Product = "x", Qty = 1, Price = 1.0 }]));
        Assert.Contains("the table 'Sales' has a column 'Day' that", e.Message);
        Assert.EndsWith("has no property or field for.", e.Message);
        Assert.Equal("Day", e.Rejected.Single().Column);
        Assert.Equal("missing column", e.Rejected.Single().Reason);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void NullKeysFailTheLoadAndLeaveTheTableAsItWas()
    {
        using var session = TestData.NewSession();
        var table = Sales(session, ["Product"]);
        table.Load([new Sale(1, "a", 1, 1, s_d1)]);
        var e = Assert.Throws<LoadException>(() => table.Load([new Sale(2, "a", 2, 2, s_d1), new Sale(3, "b", 3, 3, s_d1), new Sale(4, null, 4, 4, s_d1)]));
        Assert.Equal("Nothing was loaded into table 'Sales': Sale rows:3, column 'Product': the key column 'Product' is null.", e.Message);
        Assert.Equal([new RejectedRow("Sale rows", 3, "Product", "the key column 'Product' is null")], e.Rejected);
        Assert.Equal([[1, "a", 1, 1.0, s_d1]], table.Query().Rows());
    }

    [Fact]
    public void SkipLoadsTheGoodRowsAndReportsTheBadOnes()
    {
        using var session = TestData.NewSession();
        var table = Sales(session, ["Product"]);
        var rows = new[] { new Sale(1, "a", 1, 1, s_d1), new Sale(2, null, 2, 2, s_d1), new Sale(3, "b", 3, 3, s_d1), new Sale(4, null, 4, 4, s_d1) };
        var report = table.Load(rows, ErrorHandling.Skip);
        Assert.Equal(4, report.RowsRead);
        Assert.Equal(2, report.RowsLoaded);
        Assert.Equal([new RejectedRow("Sale rows", 2, "Product", "the key column 'Product' is null"), new RejectedRow("Sale rows", 4, "Product", "the key column 'Product' is null")], report.Rejected);
        Assert.Equal([1, 3], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void ValuesOfTheWrongTypeAreRejected()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["A"] = DataType.Int, ["B"] = DataType.LocalDate });
        var rows = new List<Boxed> { new(1, s_d1), new("two", s_d1), new(3, new DateTime(2024, 1, 1, 12, 0, 0)) };
        var e = Assert.Throws<LoadException>(() => table.Load(rows));
        Assert.Equal("Nothing was loaded into table 'T': Boxed rows:2, column 'A': \"two\" is not a valid Int.", e.Message);
        Assert.Equal(0, table.RowCount);

        var report = table.Load(rows, ErrorHandling.Skip);
        Assert.Equal(1, report.RowsLoaded);
        Assert.Equal(2, report.Rejected.Count);
        Assert.Equal(new RejectedRow("Boxed rows", 2, "A", "\"two\" is not a valid Int"), report.Rejected[0]);
        Assert.Equal("Boxed rows", report.Rejected[1].Source);
        Assert.Equal(3, report.Rejected[1].Line);
        Assert.Equal("B", report.Rejected[1].Column);
        Assert.StartsWith("01/01/2024 12:00:00 (DateTime) is not a valid LocalDate", report.Rejected[1].Reason);
        Assert.Equal([[1, s_d1]], table.Query().Rows());
    }

    public sealed record Boxed(object? A, object? B);

    [Fact]
    public void SkipAcrossChunksReportsTheRowNumbersOfTheWholeLoad()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["Id"] = DataType.String, ["V"] = DataType.Int }, keys: ["Id"]);
        var rows = Enumerable.Range(1, 140_000).Select(i => new { Id = i % 50_000 == 0 ? null : "k" + i, V = i });
        var report = table.Load(rows, ErrorHandling.Skip);
        Assert.Equal(140_000, report.RowsRead);
        Assert.Equal(139_998, report.RowsLoaded);
        Assert.Equal([50_000L, 100_000L], report.Rejected.Select(r => r.Line));
        Assert.Equal(139_998, table.RowCount);
    }

    [Fact]
    public void ANullRowIsRejectedNotACrash()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var rows = new Sale?[] { new(1, "a", 1, 1, s_d1), null, new(3, "c", 3, 3, s_d1) };
        var e = Assert.Throws<LoadException>(() => table.Load(rows));
        Assert.Equal("Nothing was loaded into table 'Sales': Sale rows:2: the row is null.", e.Message);
        Assert.Equal(0, table.RowCount);
        var report = table.Load(rows, ErrorHandling.Skip);
        Assert.Equal([new RejectedRow("Sale rows", 2, null, "the row is null")], report.Rejected);
        Assert.Equal([1, 3], table.Query().Column("Id").Values.Cast<int>());
    }

    [Fact]
    public void EmptyLoadsChangeNothing()
    {
        using var session = TestData.NewSession();
        var table = Sales(session);
        var report = table.Load(Array.Empty<Sale>());
        Assert.Equal(new LoadReport(0, 0, report.Rejected), report);
        Assert.Empty(report.Rejected);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void LogWritesRejectedRowsToTheSessionLog()
    {
        var log = Path.Combine(TestData.TempDirectory(), "session.log");
        var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = log });
        var table = Sales(session, ["Product"]);
        var report = table.Load([new Sale(1, null, 1, 1, s_d1), new Sale(2, "b", 2, 2, s_d1)], ErrorHandling.Log);
        Assert.Single(report.Rejected);
        Assert.Equal(1, table.RowCount);
        session.Close();
        var text = File.ReadAllText(log);
        Assert.Contains("rejected from 'Sales': Sale rows:1, column 'Product': the key column 'Product' is null", text);
    }
}
