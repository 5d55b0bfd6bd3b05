using System.Globalization;

namespace Cuboid.Tests.Model;

/// <summary>Small helpers for the model tests: tables from column lists, result columns as arrays, rows as text.</summary>
internal static class ModelKit
{
    public static Table Table(Session session, string name, string[] keys, params (string Name, DataType Type)[] columns) =>
        session.CreateTable(name, columns.ToDictionary(c => c.Name, c => c.Type), keys);

    public static T?[] Values<T>(QueryResult result, string column) => [.. result.Column(column).Values.Cast<T?>()];

    /// <summary>Each row as "v1|v2|…" (invariant; null as empty).</summary>
    public static List<string> Lines(QueryResult result) =>
        [.. result.Rows().Select(row => string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];

    /// <summary>
    /// Sales (Id, Product, Shop, Qty) joined to Products (Name key, Category, ClassId, Price), joined to Classes (ClassId key, Family).
    /// Kiwi has no product; Bean's class 3 has no row.
    /// </summary>
    public static (Table Sales, Table Products, Table Classes) Shop(Session session, bool join = true,
        TargetOptionality salesToProducts = TargetOptionality.Optional, TargetOptionality productsToClasses = TargetOptionality.Optional)
    {
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Shop", DataType.String), ("Qty", DataType.Int));
        var products = Table(session, "Products", ["Name"], ("Name", DataType.String), ("Category", DataType.String), ("ClassId", DataType.Int), ("Price", DataType.Double));
        var classes = Table(session, "Classes", ["ClassId"], ("ClassId", DataType.Int), ("Family", DataType.String));
        sales.Append([1, "Apple", "Paris", 3], [2, "Pear", "Paris", 1], [3, "Apple", "Lyon", 5], [4, "Steak", "Lyon", 2], [5, "Kiwi", "Lyon", 7], [6, "Bean", "Paris", 4]);
        products.Append(["Apple", "Fruit", 1, 2.0], ["Pear", "Fruit", 1, 3.0], ["Steak", "Meat", 2, 10.0], ["Bean", "Veg", 3, 1.0]);
        classes.Append([1, "Plant"], [2, "Animal"]);
        if (join)
        {
            sales.Join(products, sales["Product"] == products["Name"], salesToProducts);
            products.Join(classes, products["ClassId"] == classes["ClassId"], productsToClasses);
        }
        return (sales, products, classes);
    }
}
