using Cuboid.Tests.Support;

namespace Cuboid.Tests.Storage;

public sealed class TableTests
{
    private static readonly Dictionary<string, DataType> s_allTypes = new()
    {
        ["Boolean"] = DataType.Boolean,
        ["Int"] = DataType.Int,
        ["Long"] = DataType.Long,
        ["Float"] = DataType.Float,
        ["Double"] = DataType.Double,
        ["String"] = DataType.String,
        ["LocalDate"] = DataType.LocalDate,
        ["LocalDateTime"] = DataType.LocalDateTime,
        ["LocalTime"] = DataType.LocalTime,
        ["ZonedDateTime"] = DataType.ZonedDateTime,
        ["IntArray"] = DataType.IntArray,
        ["LongArray"] = DataType.LongArray,
        ["FloatArray"] = DataType.FloatArray,
        ["DoubleArray"] = DataType.DoubleArray,
    };

    private static Table People(Session session)
    {
        var table = session.CreateTable("People",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Name"] = DataType.String, ["Age"] = DataType.Int, ["Score"] = DataType.Double, ["Born"] = DataType.LocalDate },
            keys: ["Id"]);
        table.Append(
            [1, "Ann", 34, 1.5, new DateOnly(1990, 3, 1)],
            [2, "Bob", 25, null, new DateOnly(1999, 12, 31)],
            [3, "Cid", 41, -2.0, new DateOnly(1983, 7, 14)],
            [4, "Dee", 25, 10.25, null],
            [5, "Eve", null, 0.0, new DateOnly(2000, 1, 1)]);
        return table;
    }

    private static int[] Ids(QueryResult result) => [.. Enumerable.Range(0, result.RowCount).Select(r => (int)result[r, "Id"]!)];

    [Fact]
    public void CreateTableKeepsColumnOrderTypesKeysAndAtotiDefaults()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("All", s_allTypes, keys: ["Int", "String"]);

        Assert.Equal("All", table.Name);
        Assert.Equal(s_allTypes.Keys, table.Columns.Select(c => c.Name));
        Assert.Equal(s_allTypes.Values, table.Columns.Select(c => c.DataType));
        Assert.Equal(["Int", "String"], table.Keys);
        Assert.True(table["Int"].IsKey);
        Assert.True(table["String"].IsKey);
        Assert.False(table["Long"].IsKey);
        Assert.Equal(0, table.RowCount);
        Assert.Same(table, session.Tables["All"]);

        Assert.Equal(false, table["Boolean"].DefaultValue);
        Assert.Null(table["Int"].DefaultValue);
        Assert.Null(table["Long"].DefaultValue);
        Assert.Null(table["Float"].DefaultValue);
        Assert.Null(table["Double"].DefaultValue);
        Assert.Equal("N/A", table["String"].DefaultValue);
        Assert.Equal(new DateOnly(1970, 1, 1), table["LocalDate"].DefaultValue);
        Assert.Equal(new DateTime(1970, 1, 1), table["LocalDateTime"].DefaultValue);
        Assert.Equal(TimeOnly.MinValue, table["LocalTime"].DefaultValue);
        Assert.Equal(new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), table["ZonedDateTime"].DefaultValue);
        Assert.Null(table["IntArray"].DefaultValue);
        Assert.Null(table["DoubleArray"].DefaultValue);
    }

    [Fact]
    public void EveryTypeRoundTripsThroughAppendAndQuery()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("All", s_allTypes);
        var zoned = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));
        table.Append([true, 7, 8_000_000_000L, 1.5f, 2.25, "text", new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 13, 14, 15),
            new TimeOnly(23, 59, 58), zoned, new[] { 1, 2 }, new[] { 3L }, new[] { 0.5f }, new[] { 1.0, 2.0, 3.0 }]);

        var result = table.Query();
        Assert.Equal(1, result.RowCount);
        Assert.Equal(s_allTypes.Keys, result.Columns.Select(c => c.Name));
        Assert.Equal([typeof(bool), typeof(int), typeof(long), typeof(float), typeof(double), typeof(string), typeof(DateOnly), typeof(DateTime),
            typeof(TimeOnly), typeof(DateTimeOffset), typeof(int[]), typeof(long[]), typeof(float[]), typeof(double[])], result.Columns.Select(c => c.ClrType));
        Assert.IsType<int?[]>(result.Column("Int").Values);
        Assert.IsType<string?[]>(result.Column("String").Values);
        var row = result.Rows().Single();
        Assert.Equal(true, row[0]);
        Assert.Equal(7, row[1]);
        Assert.Equal(8_000_000_000L, row[2]);
        Assert.Equal(1.5f, row[3]);
        Assert.Equal(2.25, row[4]);
        Assert.Equal("text", row[5]);
        Assert.Equal(new DateOnly(2024, 2, 29), row[6]);
        Assert.Equal(new DateTime(2024, 2, 29, 13, 14, 15), row[7]);
        Assert.Equal(new TimeOnly(23, 59, 58), row[8]);
        Assert.Equal(zoned, row[9]);
        Assert.Equal(TimeSpan.FromHours(2), ((DateTimeOffset)row[9]!).Offset);
        Assert.Equal([1, 2], (int[])row[10]!);
        Assert.Equal([3L], (long[])row[11]!);
        Assert.Equal([0.5f], (float[])row[12]!);
        Assert.Equal([1.0, 2.0, 3.0], (double[])row[13]!);
    }

    [Fact]
    public void NullsBecomeTheAtotiDefaultsAndNumbersStayNull()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("All", s_allTypes);
        table.Append(new object?[s_allTypes.Count]);

        var row = table.Query().Rows().Single();
        Assert.Equal([false, null, null, null, null, "N/A", new DateOnly(1970, 1, 1), new DateTime(1970, 1, 1), TimeOnly.MinValue,
            new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null, null, null], row);
    }

    [Fact]
    public void GivenDefaultValuesReplaceNullsAndAreConvertedToTheColumnType()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T",
            new Dictionary<string, DataType> { ["S"] = DataType.String, ["D"] = DataType.Double, ["I"] = DataType.Int, ["Day"] = DataType.LocalDate, ["Keep"] = DataType.String, ["V"] = DataType.DoubleArray },
            defaultValues: new Dictionary<string, object?> { ["S"] = "none", ["D"] = 0, ["I"] = -1, ["Day"] = new DateOnly(2000, 1, 1), ["Keep"] = null, ["V"] = new[] { 0.0 } });

        Assert.Equal(0.0, table["D"].DefaultValue);
        Assert.IsType<double>(table["D"].DefaultValue);
        table.Append(["x", 1.5, 3, new DateOnly(2020, 1, 2), "k", new[] { 9.0 }], [null, null, null, null, null, null]);

        var rows = table.Query().Rows().ToList();
        Assert.Equal(["x", 1.5, 3, new DateOnly(2020, 1, 2), "k", new[] { 9.0 }], rows[0]);
        Assert.Equal(["none", 0.0, -1, new DateOnly(2000, 1, 1), null, new[] { 0.0 }], rows[1]);
        Assert.Equal(1, table.Query(filter: table["Keep"].IsNull()).RowCount);
    }

    [Fact]
    public void CreateTableRejectsBadArguments()
    {
        using var session = TestData.NewSession();
        var types = new Dictionary<string, DataType> { ["A"] = DataType.Int, ["B"] = DataType.DoubleArray };

        var e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types, keys: ["C"]));
        Assert.StartsWith("The key column 'C' is not a column of table 'T' (its columns: A, B).", e.Message);
        e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types, keys: ["B"]));
        Assert.StartsWith("The key column 'B' of table 'T' is an array; keys must be scalar.", e.Message);
        e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types, keys: ["A", "A"]));
        Assert.StartsWith("Table 'T' lists a key column twice.", e.Message);
        e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types, defaultValues: new Dictionary<string, object?> { ["Z"] = 1 }));
        Assert.StartsWith("A default value is given for 'Z', which is not a column of table 'T'.", e.Message);
        e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types, defaultValues: new Dictionary<string, object?> { ["A"] = "N/A" }));
        Assert.StartsWith("The value \"N/A\" is not a Int.", e.Message);
        Assert.Empty(session.Tables);

        session.CreateTable("T", types);
        e = Assert.Throws<ArgumentException>(() => session.CreateTable("T", types));
        Assert.StartsWith("The session already has a table named 'T'.", e.Message);
        Assert.Single(session.Tables);
    }

    [Fact]
    public void UnknownColumnNamesTheTableAndItsColumns()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var e = Assert.Throws<KeyNotFoundException>(() => table["Nope"]);
        Assert.Equal("Table 'People' has no column 'Nope'. Its columns: Id, Name, Age, Score, Born.", e.Message);
    }

    [Fact]
    public void AppendChecksTheValueCountAndTypes()
    {
        using var session = TestData.NewSession();
        var table = People(session);

        var e = Assert.Throws<LoadException>(() => table.Append([6, "Fay", 20, 1.0, null], [7, "Gus"]));
        Assert.Equal("Row 2 has 2 values; table 'People' has 5 columns (Id, Name, Age, Score, Born).", e.Message);
        e = Assert.Throws<LoadException>(() => table.Append([6, "Fay", "twenty", 1.0, null]));
        Assert.Equal("Row 1, column 'Age': \"twenty\" is not a valid Int.", e.Message);
        Assert.Equal([new RejectedRow("Append", 1, "Age", "\"twenty\" is not a valid Int")], e.Rejected);
        e = Assert.Throws<LoadException>(() => table.Append([6, "Fay", 20, 1.0, null], [null, "Gus", 1, 1.0, null]));
        Assert.Equal("Row 2, column 'Id': the key column 'Id' is null.", e.Message);

        Assert.Equal(5, table.RowCount);
        Assert.Equal([1, 2, 3, 4, 5], Ids(table.Query()));
    }

    [Fact]
    public void AppendConvertsCompatibleNumbers()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("N", new Dictionary<string, DataType> { ["I"] = DataType.Int, ["L"] = DataType.Long, ["D"] = DataType.Double, ["F"] = DataType.Float });
        var report = table.Append([(short)3, 4, 5, 6.5], [7L, (byte)8, 9.5f, 10]);
        Assert.Equal(new LoadReport(2, 2, []), report with { Rejected = [] });
        Assert.Empty(report.Rejected);
        var rows = table.Query().Rows().ToList();
        Assert.Equal([3, 4L, 5.0, 6.5f], rows[0]);
        Assert.Equal([7, 8L, 9.5, 10f], rows[1]);
        var e = Assert.Throws<LoadException>(() => table.Append([3_000_000_000L, 1L, 1.0, 1f]));
        Assert.Equal("Row 1, column 'I': 3000000000 (Int64) is not a valid Int.", e.Message);
    }

    [Fact]
    public void HeadReturnsTheFirstRowsInOrder()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        Assert.Equal([1, 2, 3, 4, 5], Ids(table.Head()));
        Assert.Equal([1, 2], Ids(table.Head(2)));
        Assert.Equal(0, table.Head(0).RowCount);
        Assert.Equal([1, 2, 3, 4, 5], Ids(table.Head(100)));
        Assert.Equal(5, table.RowCount);
        Assert.Equal("Table 'People' (5 rows)", table.ToString());
    }

    [Fact]
    public void QuerySelectsColumnsAndLimitsRows()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var result = table.Query([table["Name"], table["Id"]], table["Age"] == 25, maxRows: 10);
        Assert.Equal(["Name", "Id"], result.Columns.Select(c => c.Name));
        Assert.Equal([["Bob", 2], ["Dee", 4]], result.Rows());
        Assert.Equal(ColumnRole.Column, result.Columns[0].Role);
        Assert.Equal([["Bob", 2]], table.Query([table["Name"], table["Id"]], table["Age"] == 25, maxRows: 1).Rows());

        var otherTable = session.CreateTable("Other", new Dictionary<string, DataType> { ["Name"] = DataType.String });
        var e = Assert.Throws<ArgumentException>(() => table.Query([otherTable["Name"]]));
        Assert.Equal("Column 'Name' belongs to table 'Other', not to 'People'.", e.Message);
        e = Assert.Throws<ArgumentException>(() => table.Query(filter: otherTable["Name"] == "Ann"));
        Assert.Equal("Column 'Name' belongs to table 'Other', not to 'People'.", e.Message);
    }

    [Fact]
    public void NumericFiltersUseEveryOperator()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var age = table["Age"];
        Assert.Equal([2, 4], Ids(table.Query(filter: age == 25)));
        Assert.Equal([1, 3], Ids(table.Query(filter: age != 25)));   // null compares false, as in Atoti
        Assert.Equal([2, 4], Ids(table.Query(filter: age < 34)));
        Assert.Equal([1, 2, 4], Ids(table.Query(filter: age <= 34)));
        Assert.Equal([3], Ids(table.Query(filter: age > 34)));
        Assert.Equal([1, 3], Ids(table.Query(filter: age >= 34)));
        Assert.Equal([1, 3, 5], Ids(table.Query(filter: table["Score"] <= 1.5)));
        Assert.Equal([4], Ids(table.Query(filter: table["Score"] > 1.5)));
        Assert.Equal([3], Ids(table.Query(filter: table["Score"] < 0)));
        Assert.Equal([5], Ids(table.Query(filter: age.IsNull())));
        Assert.Equal([2], Ids(table.Query(filter: table["Score"].IsNull())));
        Assert.Equal([1, 2, 3, 4], Ids(table.Query(filter: age.IsNotNull())));
    }

    [Fact]
    public void StringFiltersCompareOrdinally()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var name = table["Name"];
        Assert.Equal([3], Ids(table.Query(filter: name == "Cid")));
        Assert.Equal([1, 2, 4, 5], Ids(table.Query(filter: name != "Cid")));
        Assert.Equal([1, 2], Ids(table.Query(filter: name < "Cid")));
        Assert.Equal([1, 2, 3], Ids(table.Query(filter: name <= "Cid")));
        Assert.Equal([4, 5], Ids(table.Query(filter: name > "Cid")));
        Assert.Equal([3, 4, 5], Ids(table.Query(filter: name >= "Cid")));
        Assert.Empty(Ids(table.Query(filter: name == "cid")));
        Assert.Empty(Ids(table.Query(filter: name == "Zed")));
        Assert.Equal([1, 5], Ids(table.Query(filter: name.IsIn("Eve", "Ann", "Nobody"))));
        Assert.Equal([2, 3, 4], Ids(table.Query(filter: name.IsNotIn("Eve", "Ann"))));
    }

    [Fact]
    public void DateFiltersAcceptDatesAndIsoText()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var born = table["Born"];
        Assert.Equal([2], Ids(table.Query(filter: born == new DateOnly(1999, 12, 31))));
        Assert.Equal([2], Ids(table.Query(filter: born == "1999-12-31")));
        Assert.Equal([3, 4], Ids(table.Query(filter: born < new DateOnly(1990, 3, 1))));   // id 4 has the default date 1970-01-01
        Assert.Equal([1, 3, 4], Ids(table.Query(filter: born <= new DateOnly(1990, 3, 1))));
        Assert.Equal([2, 5], Ids(table.Query(filter: born > "1990-03-01")));
        Assert.Equal([1, 2, 5], Ids(table.Query(filter: born >= new DateOnly(1990, 3, 1))));
        Assert.Equal([1, 2, 3, 5], Ids(table.Query(filter: born != new DateOnly(1970, 1, 1))));
        Assert.Equal([4, 5], Ids(table.Query(filter: born.IsIn(new DateOnly(2000, 1, 1), new DateOnly(1970, 1, 1)))));
    }

    [Fact]
    public void OtherTypesFilter()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType>
        {
            ["Id"] = DataType.Int,
            ["B"] = DataType.Boolean,
            ["L"] = DataType.Long,
            ["F"] = DataType.Float,
            ["At"] = DataType.LocalDateTime,
            ["Time"] = DataType.LocalTime,
            ["Z"] = DataType.ZonedDateTime,
        });
        var utc = TimeSpan.Zero;
        table.Append(
            [1, true, 10_000_000_000L, 0.5f, new DateTime(2024, 1, 1, 8, 0, 0), new TimeOnly(8, 0), new DateTimeOffset(2024, 1, 1, 8, 0, 0, utc)],
            [2, false, -1L, 1.5f, new DateTime(2024, 1, 1, 9, 30, 0), new TimeOnly(9, 30), new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.FromHours(2))],
            [3, true, 5L, 2.5f, new DateTime(2024, 1, 2, 0, 0, 0), new TimeOnly(23, 0), new DateTimeOffset(2024, 1, 2, 0, 0, 0, utc)]);
        Assert.Equal([1, 3], Ids(table.Query(filter: table["B"] == true)));
        Assert.Equal([2], Ids(table.Query(filter: table["B"] != true)));
        Assert.Equal([1], Ids(table.Query(filter: table["L"] > 5L)));
        Assert.Equal([1, 3], Ids(table.Query(filter: table["L"] >= 5)));
        Assert.Equal([2, 3], Ids(table.Query(filter: table["F"] >= 1.5f)));
        Assert.Equal([1], Ids(table.Query(filter: table["F"] < 1.0)));
        Assert.Equal([2, 3], Ids(table.Query(filter: table["At"] > new DateTime(2024, 1, 1, 8, 0, 0))));
        Assert.Equal([2], Ids(table.Query(filter: table["At"] == "2024-01-01 09:30:00")));
        Assert.Equal([1, 2], Ids(table.Query(filter: table["Time"] < new TimeOnly(12, 0))));
        // 09:00+02:00 is 07:00 UTC, before 08:00 UTC.
        Assert.Equal([2], Ids(table.Query(filter: table["Z"] < new DateTimeOffset(2024, 1, 1, 8, 0, 0, utc))));
        Assert.Equal([1, 2], Ids(table.Query(filter: table["Id"].IsIn(1, 2, 99))));
        Assert.Equal([1, 3], Ids(table.Query(filter: table["L"].IsIn(5L, 10_000_000_000L))));
    }

    [Fact]
    public void ConditionsCombineWithAndOrNot()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var (age, name, score) = (table["Age"], table["Name"], table["Score"]);
        Assert.Equal([4], Ids(table.Query(filter: (age == 25) & (score > 5))));
        Assert.Equal([2, 3, 4], Ids(table.Query(filter: (age == 25) | (name == "Cid"))));
        Assert.Equal([1, 3, 5], Ids(table.Query(filter: !(age == 25))));
        Assert.Equal([1, 5], Ids(table.Query(filter: !((age == 25) | (name == "Cid")))));
        Assert.Equal([1], Ids(table.Query(filter: (age > 20) & (age < 40) & (score >= 1.5) & !(score > 5))));
        Assert.Equal([3, 4, 5], Ids(table.Query(filter: ((age == 25) & (score > 5)) | (name.IsIn("Cid", "Eve")))));
    }

    [Fact]
    public void DropRemovesMatchingRowsAndReturnsTheCount()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        Assert.Equal(2, table.Drop(table["Age"] == 25));
        Assert.Equal(3, table.RowCount);
        Assert.Equal([1, 3, 5], Ids(table.Query()));
        Assert.Equal(0, table.Drop(table["Age"] == 25));
        Assert.Equal(1, table.Drop((table["Name"] == "Ann") | (table["Name"] == "Nobody")));
        Assert.Equal([3, 5], Ids(table.Query()));

        // The dropped keys are free again: loading them adds rows, it does not replace.
        table.Append([1, "Ann2", 1, 1.0, null], [3, "Cid2", 2, 2.0, null]);
        Assert.Equal(3, table.RowCount);
        Assert.Equal([5, 1, 3], Ids(table.Query()));
        Assert.Equal(["Eve", "Ann2", "Cid2"], table.Query().Column("Name").Values.Cast<string>());

        Assert.Equal(3, table.Drop());
        Assert.Equal(0, table.RowCount);
        Assert.Equal(0, table.Query().RowCount);
        Assert.Equal(0, table.Drop());
    }

    [Fact]
    public void AppendWithAnExistingKeyReplacesTheRow()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        table.Append([2, "Bob2", 26, 3.0, null], [6, "Fay", 30, 1.0, null], [2, "Bob3", 27, 4.0, null]);
        Assert.Equal(6, table.RowCount);
        var rows = table.Query().Rows().ToList();
        Assert.Equal([1, 3, 4, 5, 6, 2], rows.Select(r => (int)r[0]!));
        Assert.Equal(["Bob3", 27, 4.0], rows[^1][1..4]);
        Assert.Equal(1, table.Query(filter: table["Name"].IsIn("Bob", "Bob2", "Bob3")).RowCount);
    }

    [Fact]
    public void MultiColumnKeysReplaceOnlyTheSameTuple()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("Prices",
            new Dictionary<string, DataType> { ["Shop"] = DataType.String, ["Day"] = DataType.LocalDate, ["Product"] = DataType.Int, ["Price"] = DataType.Double },
            keys: ["Shop", "Day", "Product"]);
        var d1 = new DateOnly(2024, 1, 1);
        var d2 = new DateOnly(2024, 1, 2);
        table.Append(["A", d1, 1, 1.0], ["A", d1, 2, 2.0], ["A", d2, 1, 3.0], ["B", d1, 1, 4.0]);
        table.Append(["A", d1, 1, 10.0], ["B", d2, 1, 5.0], ["B", d1, 1, 40.0], ["B", d1, 1, 41.0]);
        Assert.Equal(5, table.RowCount);
        var rows = table.Query().Rows().Select(r => $"{r[0]} {r[1]:yyyy-MM-dd} {r[2]} {r[3]}").ToList();
        Assert.Equal(["A 2024-01-01 2 2", "A 2024-01-02 1 3", "A 2024-01-01 1 10", "B 2024-01-02 1 5", "B 2024-01-01 1 41"], rows);
    }

    [Fact]
    public void AllKeyTypesUpsert()
    {
        foreach (var (type, a, b) in new (DataType, object, object)[]
                 {
                     (DataType.Boolean, true, false), (DataType.Long, 1L << 40, -(1L << 40)), (DataType.Double, 0.1, 0.2), (DataType.Float, 0.5f, 1.5f),
                     (DataType.LocalDateTime, new DateTime(2024, 1, 1, 1, 0, 0), new DateTime(2024, 1, 1, 2, 0, 0)), (DataType.LocalTime, new TimeOnly(1, 0), new TimeOnly(2, 0)),
                     (DataType.ZonedDateTime, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero)),
                 })
        {
            using var session = TestData.NewSession();
            var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = type, ["V"] = DataType.Int }, keys: ["K"]);
            table.Append([a, 1], [b, 2], [a, 3]);
            table.Append([b, 4]);
            Assert.Equal(2, table.RowCount);
            Assert.Equal([[a, 3], [b, 4]], table.Query().Rows());
        }
    }

    [Fact]
    public void ZonedKeysAreTheSameInstantWhateverTheOffset()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.ZonedDateTime, ["V"] = DataType.Int }, keys: ["K"]);
        table.Append([new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero), 1]);
        table.Append([new DateTimeOffset(2024, 1, 1, 14, 0, 0, TimeSpan.FromHours(2)), 2]);
        Assert.Equal(1, table.RowCount);
        Assert.Equal(2, table.Query().Rows().Single()[1]);
    }

    [Fact]
    public void QueriesReadOneVersion()
    {
        using var session = TestData.NewSession();
        var table = People(session);
        var before = table.Query();
        table.Append([6, "Fay", 1, 1.0, null]);
        table.Drop(table["Id"] == 1);
        Assert.Equal(5, before.RowCount);
        Assert.Equal([1, 2, 3, 4, 5], Ids(before));
        Assert.Equal([2, 3, 4, 5, 6], Ids(table.Query()));
    }

    [Fact]
    public void ClosedSessionRejectsChanges()
    {
        var session = TestData.NewSession();
        var table = People(session);
        session.Close();
        Assert.True(session.Closed);
        Assert.Throws<ObjectDisposedException>(() => table.Append([9, "X", 1, 1.0, null]));
        Assert.Throws<ObjectDisposedException>(() => session.CreateTable("Other", new Dictionary<string, DataType> { ["A"] = DataType.Int }));
        Assert.Empty(session.Tables);
    }
}
