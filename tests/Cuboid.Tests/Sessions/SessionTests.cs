namespace Cuboid.Tests.Sessions;

public sealed class SessionTests
{
    [Fact]
    public void StartingASessionWithARunningNameClosesTheOlderOne()
    {
        var name = "session-test-" + Guid.NewGuid().ToString("N");
        using var first = Session.Start(new SessionConfig { Name = name, Port = null });
        first.CreateTable("T", new Dictionary<string, DataType> { ["A"] = DataType.Int });
        using var second = Session.Start(new SessionConfig { Name = name, Port = null });
        Assert.True(first.Closed);
        Assert.False(second.Closed);
        Assert.Empty(first.Tables);
        Assert.Throws<ObjectDisposedException>(() => first.CreateTable("U", new Dictionary<string, DataType> { ["A"] = DataType.Int }));
    }

    [Fact]
    public void UnnamedSessionsNeverCloseEachOther()
    {
        using var first = Session.Start(new SessionConfig { Name = null, Port = null });
        using var second = Session.Start(new SessionConfig { Name = null, Port = null });
        Assert.False(first.Closed);
        Assert.False(second.Closed);
        Assert.Null(first.Name);
    }

    [Fact]
    public void TablesAndCubesAreListedByNameAndNamesAreUnique()
    {
        using var session = Session.Start(new SessionConfig { Name = null, Port = null });
        var t = session.CreateTable("Sales", new Dictionary<string, DataType> { ["Shop"] = DataType.String, ["Qty"] = DataType.Int });
        var cube = session.CreateCube(t);
        Assert.Same(t, session.Tables["Sales"]);
        Assert.Same(cube, session.Cubes["Sales"]);
        var error = Assert.Throws<ArgumentException>(() => session.CreateTable("Sales", new Dictionary<string, DataType> { ["A"] = DataType.Int }));
        Assert.StartsWith("The session already has a table named 'Sales'.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => session.CreateCube(t));
        session.Close();
        Assert.True(session.Closed);
        Assert.Empty(session.Cubes);
    }

    [Fact]
    public void LogFileReceivesCommits()
    {
        var log = Path.Combine(Support.TestData.TempDirectory(), "session.log");
        using (var session = Session.Start(new SessionConfig { Name = null, Port = null, LogsPath = log }))
        {
            session.CreateTable("T", new Dictionary<string, DataType> { ["A"] = DataType.Int }).Append([1], [2]);
            Assert.Equal(log, session.LogsPath);
        }
        var text = File.ReadAllText(log);
        Assert.Contains("commit 1: T (2 rows)", text, StringComparison.Ordinal);
        Assert.Contains("session closed", text, StringComparison.Ordinal);
    }
}
