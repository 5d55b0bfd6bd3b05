namespace Cuboid.Server.Tests;

/// <summary>A served session with a tiny "Sales" cube (shop × quantity), for tests that change data or settings.</summary>
internal static class SmallCube
{
    public const string QuantityByShop = "SELECT [Measures].[Quantity.SUM] ON COLUMNS, [Sales].[Shop].[Shop].Members ON ROWS FROM [Sales]";

    public static (ServedSession Served, Table Sales) Start(SessionConfig? config = null)
    {
        var served = new ServedSession(config);
        var sales = served.Session.CreateTable("Sales",
            new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Shop"] = DataType.String, ["Quantity"] = DataType.Int },
            keys: ["Id"]);
        sales.Append([1, "Paris", 3], [2, "Lyon", 5]);
        served.Session.CreateCube(sales);
        return (served, sales);
    }
}
