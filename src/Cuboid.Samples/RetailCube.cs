namespace Cuboid.Samples;

/// <summary>
/// The retail star schema of the benchmarks and the demo, as a cube: Sales joined to Stores,
/// Products and Customers; hierarchies Calendar, Geography, Product and Customer; measures
/// Revenue, Quantity, Cost, Margin and Customers.
/// </summary>
public static class RetailCube
{
    /// <summary>How the sales CSV is read: its key and its column types (given, so nothing is inferred).</summary>
    public static CsvOptions SalesCsvOptions(IProgress<long>? progress = null) => new()
    {
        TableName = "Sales",
        Keys = ["sale_id"],
        Progress = progress,
        Types = new Dictionary<string, DataType>
        {
            ["sale_id"] = DataType.Long,
            ["date"] = DataType.LocalDate,
            ["store_id"] = DataType.Int,
            ["product_id"] = DataType.Int,
            ["customer_id"] = DataType.Int,
            ["quantity"] = DataType.Int,
            ["unit_price"] = DataType.Double,
            ["discount"] = DataType.Double,
            ["cost"] = DataType.Double,
        },
    };

    /// <summary>Reads the four tables of <paramref name="files"/> into <paramref name="session"/> and joins them.</summary>
    public static (Table Sales, Table Stores, Table Products, Table Customers) LoadTables(Session session, RetailDataFiles files, IProgress<long>? salesProgress = null)
    {
        var sales = session.ReadCsv(files.Sales, SalesCsvOptions(salesProgress));
        var stores = session.ReadCsv(files.Stores, new CsvOptions { TableName = "Stores", Keys = ["store_id"] });
        var products = session.ReadCsv(files.Products, new CsvOptions { TableName = "Products", Keys = ["product_id"] });
        var customers = session.ReadCsv(files.Customers, new CsvOptions { TableName = "Customers", Keys = ["customer_id"] });
        Join(sales, stores, products, customers);
        return (sales, stores, products, customers);
    }

    /// <summary>The star: sales to stores, products and (when given) customers.</summary>
    public static void Join(Table sales, Table stores, Table products, Table? customers)
    {
        ArgumentNullException.ThrowIfNull(sales);
        sales.Join(stores, sales["store_id"] == stores["store_id"]);
        sales.Join(products, sales["product_id"] == products["product_id"]);
        if (customers is not null) sales.Join(customers, sales["customer_id"] == customers["customer_id"]);
    }

    /// <summary>Loads the tables and builds the "Sales" cube.</summary>
    public static Cube Build(Session session, RetailDataFiles files, IProgress<long>? salesProgress = null)
    {
        var (sales, stores, products, customers) = LoadTables(session, files, salesProgress);
        return Build(session, sales, stores, products, customers);
    }

    /// <summary>
    /// The "Sales" cube over joined tables from anywhere (read from files, or external tables of a
    /// database). Without <paramref name="customers"/>, no Customer hierarchies: a million-member level
    /// the queries of a big DirectQuery deployment would rather not hold.
    /// </summary>
    public static Cube Build(Session session, Table sales, Table stores, Table products, Table? customers)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sales);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(products);
        var cube = session.CreateCube(sales, "Sales", CubeMode.Manual);
        // Manual mode made hierarchies of the fact's key and date: the date becomes Calendar instead.
        foreach (var name in new[] { "sale_id", "date" })
        {
            if (cube.Hierarchies.Contains(name)) cube.Hierarchies.Remove(name);
        }
        cube.CreateDateHierarchy("Calendar", sales["date"],
            levels: new Dictionary<string, string> { ["Year"] = "y", ["Quarter"] = "Q", ["Month"] = "M", ["Day"] = "d" }, dimension: "Time");
        cube.Hierarchies.Set(("Geography", "Geography"), stores["region"], stores["country"], stores["city"], stores["store_id"]);
        cube.Hierarchies.Set(("Product", "Product"), products["category"], products["subcategory"], products["brand"], products["product_id"]);
        if (customers is not null)
        {
            cube.Hierarchies.Set(("Customer", "Customer"), customers["customer_id"]);
            cube.Hierarchies.Set(("Customer", "Segment"), customers["segment"]);
        }
        var m = cube.Measures;
        m["Revenue"] = Agg.Sum(sales["quantity"] * sales["unit_price"]);
        m["Quantity"] = Agg.Sum(sales["quantity"]);
        m["Cost"] = Agg.Sum(sales["cost"]);
        m["Margin"] = m["Revenue"] - m["Cost"];
        m["Margin"].Formatter = "#,##0.00";
        m["Margin %"] = m["Margin"] / m["Revenue"];
        m["Margin %"].Formatter = "0.0%";
        m["Customers"] = Agg.CountDistinct(sales["customer_id"]);
        m["Customers"].Formatter = "#,##0";
        return cube;
    }
}
