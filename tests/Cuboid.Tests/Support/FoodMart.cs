namespace Cuboid.Tests.Support;

/// <summary>
/// The FoodMart "Sales" cube of Mondrian (FoodMart.xml; samples/foodmart/model.json describes the
/// same cube as a model file), built with the public API: the tables the MDX and web tests reuse.
/// </summary>
internal static class FoodMart
{
    /// <summary>The tables the cube reads, by name.</summary>
    public static readonly string[] Tables = ["sales_fact_1997", "product", "product_class", "store", "customer", "time_by_day", "promotion"];

    public static Cube Build(Session session) => Build(session, (name, keys) => ReadCsv(session, name, keys));

    /// <summary>The cube over tables from elsewhere (a database, for DirectQuery): <paramref name="table"/> gives each by name and keys.</summary>
    public static Cube Build(Session session, Func<string, string[], Table> table)
    {
        var fact = table("sales_fact_1997", []);
        var product = table("product", ["product_id"]);
        var productClass = table("product_class", ["product_class_id"]);
        var store = table("store", ["store_id"]);
        var customer = table("customer", ["customer_id"]);
        var time = table("time_by_day", ["time_id"]);
        var promotion = table("promotion", ["promotion_id"]);
        fact.Join(product, fact["product_id"] == product["product_id"]);
        product.Join(productClass, product["product_class_id"] == productClass["product_class_id"]);
        fact.Join(store, fact["store_id"] == store["store_id"]);
        fact.Join(customer, fact["customer_id"] == customer["customer_id"]);
        fact.Join(time, fact["time_id"] == time["time_id"]);
        fact.Join(promotion, fact["promotion_id"] == promotion["promotion_id"]);

        var cube = session.CreateCube(fact, "Sales", CubeMode.Manual);
        foreach (var h in cube.Hierarchies.ToList()) cube.Hierarchies.Remove(h.Name);
        var hs = cube.Hierarchies;
        var stores = hs.Set(("Store", "Store"), ("Store Country", store["store_country"]), ("Store State", store["store_state"]), ("Store City", store["store_city"]), ("Store Name", store["store_name"]));
        stores.AllMemberName = "All Stores";
        foreach (var (property, column) in new[] { ("Store Type", "store_type"), ("Store Manager", "store_manager"), ("Store Sqft", "store_sqft"), ("Grocery Sqft", "grocery_sqft"), ("Frozen Sqft", "frozen_sqft"), ("Meat Sqft", "meat_sqft"), ("Has coffee bar", "coffee_bar"), ("Street address", "store_street_address") })
        {
            stores["Store Name"].Properties[property] = store[column];
        }
        hs.Set(("Store Size in SQFT", "Store Size in SQFT"), ("Store Sqft", store["store_sqft"])).AllMemberName = "All Store Size in SQFTs";
        hs.Set(("Store Type", "Store Type"), ("Store Type", store["store_type"])).AllMemberName = "All Store Types";
        var calendar = hs.Set(("Time", "Time"), ("Year", time["the_year"]), ("Quarter", time["quarter"]), ("Month", time["month_of_year"]));
        calendar.Slicing = true;
        hs.Set(("Time", "Weekly"), ("Year", time["the_year"]), ("Week", time["week_of_year"]), ("Day", time["day_of_month"])).AllMemberName = "All Weeklys";
        hs.Set(("Product", "Product"),
            ("Product Family", productClass["product_family"]), ("Product Department", productClass["product_department"]),
            ("Product Category", productClass["product_category"]), ("Product Subcategory", productClass["product_subcategory"]),
            ("Brand Name", product["brand_name"]), ("Product Name", product["product_name"])).AllMemberName = "All Products";
        hs.Set(("Promotion Media", "Promotion Media"), ("Media Type", promotion["media_type"])).AllMemberName = "All Media";
        hs.Set(("Promotions", "Promotions"), ("Promotion Name", promotion["promotion_name"])).AllMemberName = "All Promotions";
        var customers = hs.Set(("Customers", "Customers"), ("Country", customer["country"]), ("State Province", customer["state_province"]), ("City", customer["city"]), ("Name", customer["customer_id"]));
        customers.AllMemberName = "All Customers";
        customers["Name"].CaptionColumn = customer["fullname"];
        customers["Name"].Order = LevelOrder.ByCaption;
        foreach (var (property, column) in new[] { ("Gender", "gender"), ("Marital Status", "marital_status"), ("Education", "education"), ("Yearly Income", "yearly_income") })
        {
            customers["Name"].Properties[property] = customer[column];
        }
        hs.Set(("Education Level", "Education Level"), ("Education Level", customer["education"])).AllMemberName = "All Education Levels";
        hs.Set(("Gender", "Gender"), ("Gender", customer["gender"])).AllMemberName = "All Gender";
        hs.Set(("Marital Status", "Marital Status"), ("Marital Status", customer["marital_status"])).AllMemberName = "All Marital Status";
        hs.Set(("Yearly Income", "Yearly Income"), ("Yearly Income", customer["yearly_income"])).AllMemberName = "All Yearly Incomes";

        var m = cube.Measures;
        m.Remove("contributors.COUNT");
        m["Unit Sales"] = Agg.Sum(fact["unit_sales"]);
        m["Unit Sales"].Formatter = "Standard";
        m["Store Cost"] = Agg.Sum(fact["store_cost"]);
        m["Store Cost"].Formatter = "#,###.00";
        m["Store Sales"] = Agg.Sum(fact["store_sales"]);
        m["Store Sales"].Formatter = "#,###.00";
        m["Sales Count"] = Agg.Count(fact["product_id"]);
        m["Sales Count"].Formatter = "#,###";
        m["Customer Count"] = Agg.CountDistinct(fact["customer_id"]);
        m["Customer Count"].Formatter = "#,###";
        m["Promotion Sales"] = Agg.Sum(Fn.Where(fact["promotion_id"] == 0, 0, fact["store_sales"]));
        m["Promotion Sales"].Formatter = "#,###.00";
        m["Profit"] = m["Store Sales"] - m["Store Cost"];
        m["Profit"].Formatter = "$#,##0.00";
        cube.CalculatedMembers.Add("[Measures].[Profit last Period]", "COALESCEEMPTY((Measures.[Profit], [Time].[Time].PREVMEMBER), Measures.[Profit])", "$#,##0.00", visible: false);
        cube.CalculatedMembers.Add("[Measures].[Profit Growth]", "([Measures].[Profit] - [Measures].[Profit last Period]) / [Measures].[Profit last Period]", "0.0%");
        return cube;
    }

    /// <summary>A FoodMart table from its CSV file.</summary>
    public static Table ReadCsv(Session session, string name, string[] keys) =>
        session.ReadCsv(TestData.FoodMart(name), new CsvOptions
        {
            TableName = name,
            Keys = keys,
            // Customers' postal codes keep their leading zeros; account numbers pass int's range.
            Types = name == "customer" ? new Dictionary<string, DataType> { ["postal_code"] = DataType.String, ["account_num"] = DataType.Long } : null,
        });
}
