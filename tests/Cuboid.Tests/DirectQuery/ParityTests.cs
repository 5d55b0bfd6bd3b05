namespace Cuboid.Tests.DirectQuery;

/// <summary>The FoodMart cube over each database answers as in memory: the Mondrian suite and the measure cases.</summary>
public abstract class ParityTests<TFixture>(TFixture fixture, ITestOutputHelper output) where TFixture : ExternalFoodMart
{
    [Fact]
    public void TheMondrianSuiteAnswersAsInMemory()
    {
        var differences = fixture.SuiteDifferences();
        output.WriteLine($"{ExternalFoodMart.Memory.Suite.Count} queries, {differences.Count} differences");
        Assert.True(ExternalFoodMart.Memory.Suite.Count > 300, "the suite was not found");
        Assert.True(differences.Count == 0, string.Join("\n\n", differences.Take(3)));
    }

    [Fact]
    public void TheMeasureCasesAnswerAsInMemory()
    {
        var differences = fixture.MeasureCaseDifferences();
        Assert.True(differences.Count == 0, string.Join("\n\n", differences.Take(3)));
    }
}

public sealed class DuckDbParityTests(DuckDbFoodMart fixture, ITestOutputHelper output) : ParityTests<DuckDbFoodMart>(fixture, output), IClassFixture<DuckDbFoodMart>;

public sealed class PostgresParityTests(PostgresFoodMart fixture, ITestOutputHelper output) : ParityTests<PostgresFoodMart>(fixture, output), IClassFixture<PostgresFoodMart>;

public sealed class ClickHouseParityTests(ClickHouseFoodMart fixture, ITestOutputHelper output) : ParityTests<ClickHouseFoodMart>(fixture, output), IClassFixture<ClickHouseFoodMart>;
