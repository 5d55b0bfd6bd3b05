namespace Cuboid.Samples.Ssb;

/// <summary>One of SSB's 13 queries three ways: a C# query on the cube, MDX, and the spec's SQL (as DuckDB runs it on the same files).</summary>
/// <param name="Id">"Q1.1" … "Q4.3".</param>
/// <param name="Ask">The query with <c>cube.Query</c>: levels of the cube, filters on levels and on fact columns.</param>
/// <param name="Mdx">The query in MDX (fact-column ranges through the Discount and Quantity hierarchies).</param>
/// <param name="Sql">The spec's SQL, with the group columns first and the measure last.</param>
public sealed record SsbQuery(string Id, Func<Cube, QueryResult> Ask, string Mdx, string Sql);

/// <summary>The 13 queries of SSB (flights 1–4).</summary>
public static class SsbQueries
{
    private const string Join4 = "FROM lineorder, date, customer, supplier, part WHERE lo_orderdate = d_datekey AND lo_custkey = c_custkey AND lo_suppkey = s_suppkey AND lo_partkey = p_partkey";

    private static Condition Fact(Cube cube, string column, int from, int to) => (cube.FactTable[column] >= from) & (cube.FactTable[column] <= to);

    private static QueryResult Ask(Cube cube, string measure, string[] levels, Condition filter) =>
        cube.Query([cube.Measures[measure]], [.. levels.Select(l => cube.Levels[l])], filter);

    /// <summary>Q3.3's two UK cities, by name: a scale factor may have no customer or supplier in one of them.</summary>
    private static string Cities(string dimension) =>
        $"Filter([{dimension}].[Geography].[{dimension[0].ToString().ToLowerInvariant()}_city].Members, [{dimension}].[Geography].CurrentMember.Name = \"UNITED KI1\" OR [{dimension}].[Geography].CurrentMember.Name = \"UNITED KI5\")";

    private static string Range(string hierarchy, int from, int to) => $"{{{hierarchy}.[{from}]:{hierarchy}.[{to}]}}";

    /// <summary>Q1.1–Q4.3 in the spec's order.</summary>
    public static IReadOnlyList<SsbQuery> All { get; } =
    [
        new("Q1.1", c => Ask(c, "Discount revenue", [], (c.Levels["d_year"] == 1993) & Fact(c, "lo_discount", 1, 3) & (c.FactTable["lo_quantity"] < 25)),
            $"SELECT [Measures].[Discount revenue] ON COLUMNS FROM [SSB] WHERE {{[Date].[Calendar].[1993]}} * {Range("[Discount].[Discount]", 1, 3)} * {Range("[Quantity].[Quantity]", 1, 24)}",
            "SELECT SUM(lo_extendedprice * lo_discount) FROM lineorder, date WHERE lo_orderdate = d_datekey AND d_year = 1993 AND lo_discount BETWEEN 1 AND 3 AND lo_quantity < 25"),
        new("Q1.2", c => Ask(c, "Discount revenue", [], (c.Levels["d_yearmonthnum"] == 199401) & Fact(c, "lo_discount", 4, 6) & Fact(c, "lo_quantity", 26, 35)),
            $"SELECT [Measures].[Discount revenue] ON COLUMNS FROM [SSB] WHERE {{[Date].[Calendar].[1994].[199401]}} * {Range("[Discount].[Discount]", 4, 6)} * {Range("[Quantity].[Quantity]", 26, 35)}",
            "SELECT SUM(lo_extendedprice * lo_discount) FROM lineorder, date WHERE lo_orderdate = d_datekey AND d_yearmonthnum = 199401 AND lo_discount BETWEEN 4 AND 6 AND lo_quantity BETWEEN 26 AND 35"),
        new("Q1.3", c => Ask(c, "Discount revenue", [], (c.Levels["d_weeknuminyear"] == 6) & (c.Levels["d_year"] == 1994) & Fact(c, "lo_discount", 5, 7) & Fact(c, "lo_quantity", 26, 35)),
            $"SELECT [Measures].[Discount revenue] ON COLUMNS FROM [SSB] WHERE {{([Date].[Week].[6], [Date].[Calendar].[1994])}} * {Range("[Discount].[Discount]", 5, 7)} * {Range("[Quantity].[Quantity]", 26, 35)}",
            "SELECT SUM(lo_extendedprice * lo_discount) FROM lineorder, date WHERE lo_orderdate = d_datekey AND d_weeknuminyear = 6 AND d_year = 1994 AND lo_discount BETWEEN 5 AND 7 AND lo_quantity BETWEEN 26 AND 35"),
        new("Q2.1", c => Ask(c, "Revenue", ["d_year", "p_brand1"], (c.Levels["p_category"] == "MFGR#12") & (c.Levels["s_region"] == "AMERICA")),
            "SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY [Date].[Calendar].[d_year].Members * Descendants([Part].[Part].[MFGR#1].[MFGR#12], [Part].[Part].[p_brand1]) ON ROWS FROM [SSB] WHERE [Supplier].[Geography].[AMERICA]",
            $"SELECT d_year, p_brand1, SUM(lo_revenue) {Join4} AND p_category = 'MFGR#12' AND s_region = 'AMERICA' GROUP BY d_year, p_brand1"),
        new("Q2.2", c => Ask(c, "Revenue", ["d_year", "p_brand1"], (c.Levels["p_brand1"] >= "MFGR#2221") & (c.Levels["p_brand1"] <= "MFGR#2228") & (c.Levels["s_region"] == "ASIA")),
            "SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY [Date].[Calendar].[d_year].Members * {[Part].[Part].[MFGR#2].[MFGR#22].[MFGR#2221]:[Part].[Part].[MFGR#2].[MFGR#22].[MFGR#2228]} ON ROWS FROM [SSB] WHERE [Supplier].[Geography].[ASIA]",
            $"SELECT d_year, p_brand1, SUM(lo_revenue) {Join4} AND p_brand1 BETWEEN 'MFGR#2221' AND 'MFGR#2228' AND s_region = 'ASIA' GROUP BY d_year, p_brand1"),
        new("Q2.3", c => Ask(c, "Revenue", ["d_year", "p_brand1"], (c.Levels["p_brand1"] == "MFGR#2239") & (c.Levels["s_region"] == "EUROPE")),
            "SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY [Date].[Calendar].[d_year].Members * {[Part].[Part].[MFGR#2].[MFGR#22].[MFGR#2239]} ON ROWS FROM [SSB] WHERE [Supplier].[Geography].[EUROPE]",
            $"SELECT d_year, p_brand1, SUM(lo_revenue) {Join4} AND p_brand1 = 'MFGR#2239' AND s_region = 'EUROPE' GROUP BY d_year, p_brand1"),
        new("Q3.1", c => Ask(c, "Revenue", ["c_nation", "s_nation", "d_year"], (c.Levels["c_region"] == "ASIA") & (c.Levels["s_region"] == "ASIA") & (c.Levels["d_year"] >= 1992) & (c.Levels["d_year"] <= 1997)),
            $"SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY [Customer].[Geography].[ASIA].Children * [Supplier].[Geography].[ASIA].Children * {Range("[Date].[Calendar]", 1992, 1997)} ON ROWS FROM [SSB]",
            $"SELECT c_nation, s_nation, d_year, SUM(lo_revenue) {Join4} AND c_region = 'ASIA' AND s_region = 'ASIA' AND d_year BETWEEN 1992 AND 1997 GROUP BY c_nation, s_nation, d_year"),
        new("Q3.2", c => Ask(c, "Revenue", ["c_city", "s_city", "d_year"], (c.Levels["c_nation"] == "UNITED STATES") & (c.Levels["s_nation"] == "UNITED STATES") & (c.Levels["d_year"] >= 1992) & (c.Levels["d_year"] <= 1997)),
            $"SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY [Customer].[Geography].[AMERICA].[UNITED STATES].Children * [Supplier].[Geography].[AMERICA].[UNITED STATES].Children * {Range("[Date].[Calendar]", 1992, 1997)} ON ROWS FROM [SSB]",
            $"SELECT c_city, s_city, d_year, SUM(lo_revenue) {Join4} AND c_nation = 'UNITED STATES' AND s_nation = 'UNITED STATES' AND d_year BETWEEN 1992 AND 1997 GROUP BY c_city, s_city, d_year"),
        new("Q3.3", c => Ask(c, "Revenue", ["c_city", "s_city", "d_year"], c.Levels["c_city"].IsIn("UNITED KI1", "UNITED KI5") & c.Levels["s_city"].IsIn("UNITED KI1", "UNITED KI5") & (c.Levels["d_year"] >= 1992) & (c.Levels["d_year"] <= 1997)),
            $"SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY {Cities("Customer")} * {Cities("Supplier")} * {Range("[Date].[Calendar]", 1992, 1997)} ON ROWS FROM [SSB]",
            $"SELECT c_city, s_city, d_year, SUM(lo_revenue) {Join4} AND c_city IN ('UNITED KI1', 'UNITED KI5') AND s_city IN ('UNITED KI1', 'UNITED KI5') AND d_year BETWEEN 1992 AND 1997 GROUP BY c_city, s_city, d_year"),
        new("Q3.4", c => Ask(c, "Revenue", ["c_city", "s_city", "d_year"], c.Levels["c_city"].IsIn("UNITED KI1", "UNITED KI5") & c.Levels["s_city"].IsIn("UNITED KI1", "UNITED KI5") & (c.Levels["d_yearmonthnum"] == 199712)),
            "SELECT [Measures].[Revenue] ON COLUMNS, NON EMPTY " + Cities("Customer") + " * " + Cities("Supplier") + " ON ROWS FROM [SSB] WHERE [Date].[Calendar].[1997].[199712]",
            $"SELECT c_city, s_city, d_year, SUM(lo_revenue) {Join4} AND c_city IN ('UNITED KI1', 'UNITED KI5') AND s_city IN ('UNITED KI1', 'UNITED KI5') AND d_yearmonth = 'Dec1997' GROUP BY c_city, s_city, d_year"),
        new("Q4.1", c => Ask(c, "Profit", ["d_year", "c_nation"], (c.Levels["c_region"] == "AMERICA") & (c.Levels["s_region"] == "AMERICA") & c.Levels["p_mfgr"].IsIn("MFGR#1", "MFGR#2")),
            "SELECT [Measures].[Profit] ON COLUMNS, NON EMPTY [Date].[Calendar].[d_year].Members * [Customer].[Geography].[AMERICA].Children ON ROWS FROM [SSB] WHERE {[Supplier].[Geography].[AMERICA]} * {[Part].[Part].[MFGR#1], [Part].[Part].[MFGR#2]}",
            $"SELECT d_year, c_nation, SUM(lo_revenue - lo_supplycost) {Join4} AND c_region = 'AMERICA' AND s_region = 'AMERICA' AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2') GROUP BY d_year, c_nation"),
        new("Q4.2", c => Ask(c, "Profit", ["d_year", "s_nation", "p_category"], (c.Levels["c_region"] == "AMERICA") & (c.Levels["s_region"] == "AMERICA") & c.Levels["d_year"].IsIn(1997, 1998) & c.Levels["p_mfgr"].IsIn("MFGR#1", "MFGR#2")),
            "SELECT [Measures].[Profit] ON COLUMNS, NON EMPTY {[Date].[Calendar].[1997], [Date].[Calendar].[1998]} * [Supplier].[Geography].[AMERICA].Children * {[Part].[Part].[MFGR#1].Children, [Part].[Part].[MFGR#2].Children} ON ROWS FROM [SSB] WHERE [Customer].[Geography].[AMERICA]",
            $"SELECT d_year, s_nation, p_category, SUM(lo_revenue - lo_supplycost) {Join4} AND c_region = 'AMERICA' AND s_region = 'AMERICA' AND (d_year = 1997 OR d_year = 1998) AND (p_mfgr = 'MFGR#1' OR p_mfgr = 'MFGR#2') GROUP BY d_year, s_nation, p_category"),
        new("Q4.3", c => Ask(c, "Profit", ["d_year", "s_city", "p_brand1"], (c.Levels["c_region"] == "AMERICA") & (c.Levels["s_nation"] == "UNITED STATES") & c.Levels["d_year"].IsIn(1997, 1998) & (c.Levels["p_category"] == "MFGR#14")),
            "SELECT [Measures].[Profit] ON COLUMNS, NON EMPTY {[Date].[Calendar].[1997], [Date].[Calendar].[1998]} * [Supplier].[Geography].[AMERICA].[UNITED STATES].Children * [Part].[Part].[MFGR#1].[MFGR#14].Children ON ROWS FROM [SSB] WHERE [Customer].[Geography].[AMERICA]",
            $"SELECT d_year, s_city, p_brand1, SUM(lo_revenue - lo_supplycost) {Join4} AND c_region = 'AMERICA' AND s_nation = 'UNITED STATES' AND (d_year = 1997 OR d_year = 1998) AND p_category = 'MFGR#14' GROUP BY d_year, s_city, p_brand1"),
    ];
}
