namespace Cuboid.Server.Tests;

/// <summary>The test classes reading the served FoodMart session (loaded once).</summary>
[CollectionDefinition(Name)]
public sealed class FoodMartCollection : ICollectionFixture<FoodMartServer>
{
    public const string Name = "FoodMart server";
}
