namespace Cuboid.Samples.Ssb;

/// <summary>
/// The SSB star as a cube "SSB": lineorder joined to date, customer, supplier and part; hierarchies
/// Calendar (d_year → d_yearmonthnum → d_datekey), Week (d_weeknuminyear), customer and supplier
/// Geography (region → nation → city), Part (p_mfgr → p_category → p_brand1), and Discount and
/// Quantity on the fact's own columns (for MDX, which filters through members; C# queries filter
/// those columns directly); measures Revenue, Discount revenue (Q1's) and Profit (Q4's).
/// </summary>
public static class SsbCube
{
    /// <summary>Reads the files into <paramref name="session"/> and builds the cube.</summary>
    public static Cube Build(Session session, SsbFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        Table Read(string path, string name, params string[] keys) => session.ReadParquet(path, new ParquetReadOptions { TableName = name, Keys = keys });
        return Build(session, Read(files.LineOrder, "lineorder"), Read(files.Date, "date", "d_datekey"), Read(files.Customer, "customer", "c_custkey"),
            Read(files.Supplier, "supplier", "s_suppkey"), Read(files.Part, "part", "p_partkey"));
    }

    /// <summary>The cube over the five tables (read from anywhere), joined here.</summary>
    public static Cube Build(Session session, Table lineorder, Table date, Table customer, Table supplier, Table part)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(lineorder);
        lineorder.Join(date, lineorder["lo_orderdate"] == date["d_datekey"]);
        lineorder.Join(customer, lineorder["lo_custkey"] == customer["c_custkey"]);
        lineorder.Join(supplier, lineorder["lo_suppkey"] == supplier["s_suppkey"]);
        lineorder.Join(part, lineorder["lo_partkey"] == part["p_partkey"]);
        var cube = session.CreateCube(lineorder, "SSB", CubeMode.Manual);
        foreach (var hierarchy in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(hierarchy.Name);
        var h = cube.Hierarchies;
        h.Set(("Date", "Calendar"), ("d_year", date["d_year"]), ("d_yearmonthnum", date["d_yearmonthnum"]), ("d_datekey", date["d_datekey"]));
        h.Set(("Date", "Week"), ("d_weeknuminyear", date["d_weeknuminyear"]));
        h.Set(("Customer", "Geography"), ("c_region", customer["c_region"]), ("c_nation", customer["c_nation"]), ("c_city", customer["c_city"]));
        h.Set(("Supplier", "Geography"), ("s_region", supplier["s_region"]), ("s_nation", supplier["s_nation"]), ("s_city", supplier["s_city"]));
        h.Set(("Part", "Part"), ("p_mfgr", part["p_mfgr"]), ("p_category", part["p_category"]), ("p_brand1", part["p_brand1"]));
        h.Set(("Discount", "Discount"), ("lo_discount", lineorder["lo_discount"]));
        h.Set(("Quantity", "Quantity"), ("lo_quantity", lineorder["lo_quantity"]));
        var m = cube.Measures;
        m["Revenue"] = Agg.Sum(lineorder["lo_revenue"]);
        m["Discount revenue"] = Agg.Sum(lineorder["lo_extendedprice"] * lineorder["lo_discount"]);
        m["Profit"] = Agg.Sum(lineorder["lo_revenue"] - lineorder["lo_supplycost"]);
        return cube;
    }
}
