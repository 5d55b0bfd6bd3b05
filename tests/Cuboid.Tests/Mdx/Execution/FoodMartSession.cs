using Cuboid.Tests.Support;

namespace Cuboid.Tests.Mdx.Execution;

/// <summary>One FoodMart session for the MDX execution tests (building it takes a few seconds); its tests run one after another.</summary>
public sealed class FoodMartSession : IDisposable
{
    public FoodMartSession()
    {
        Session = TestData.NewSession();
        Cube = FoodMart.Build(Session);
    }

    public Session Session { get; }
    public Cube Cube { get; }

    public void Dispose() => Session.Dispose();
}

[CollectionDefinition(Name)]
public sealed class FoodMartCollection : ICollectionFixture<FoodMartSession>
{
    public const string Name = "FoodMart MDX execution";
}
