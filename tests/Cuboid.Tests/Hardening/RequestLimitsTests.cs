namespace Cuboid.Tests.Hardening;

/// <summary>A client's request may lower the session's ceilings, never raise them; a limit that is not positive is refused.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public void ARequestGetsTheCeilingsOrLess()
    {
        var limits = new RequestLimits();
        var asked = limits.Options(TimeSpan.FromHours(1), int.MaxValue, "What if");
        Assert.Equal(TimeSpan.FromSeconds(30), asked.Timeout);
        Assert.Equal(1_000_000, asked.MaxResultCells);
        Assert.Equal(10_000_000, asked.MaxSetTuples);
        Assert.Equal(10_000, asked.MaxDrillthroughRows);
        Assert.Equal("What if", asked.Scenario);

        var lower = limits.Options(TimeSpan.FromSeconds(2), 50);
        Assert.Equal((TimeSpan.FromSeconds(2), 50, Session.BaseScenario), (lower.Timeout!.Value, lower.MaxResultCells!.Value, lower.Scenario));

        var none = new RequestLimits { Timeout = TimeSpan.FromSeconds(5), MaxResultCells = 10 }.Options();
        Assert.Equal((TimeSpan.FromSeconds(5), 10), (none.Timeout!.Value, none.MaxResultCells!.Value));
    }

    [Fact]
    public void LimitsThatAreNotPositiveAreRefused()
    {
        var limits = new RequestLimits();
        Assert.Equal("timeout", Assert.Throws<ArgumentOutOfRangeException>(() => limits.Options(TimeSpan.Zero)).ParamName);
        Assert.Equal("maxCells", Assert.Throws<ArgumentOutOfRangeException>(() => limits.Options(maxCells: -1)).ParamName);
    }

    [Fact]
    public void ACallerCancellingAQueryGetsOperationCanceledNotATimeout()
    {
        using var session = Support.TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.String, ["V"] = DataType.Double }, keys: ["K"]);
        table.Append(["a", 1.0]);
        session.CreateCube(table, "C");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => session.QueryMdx("SELECT FROM [C]", new QueryOptions { Timeout = TimeSpan.FromMinutes(1) }, cancelled.Token));
        Assert.Equal(0, session.RunningQueries);
        Assert.Equal(1.0, session.QueryMdx("SELECT [Measures].[V.SUM] ON 0 FROM [C]", null, TestContext.Current.CancellationToken).Column("V.SUM").GetDouble(0));
    }
}
