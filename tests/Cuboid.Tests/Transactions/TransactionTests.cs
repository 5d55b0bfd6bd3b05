using Cuboid.Tests.Support;

namespace Cuboid.Tests.Transactions;

/// <summary>session.StartTransaction: changes to several tables published together or not at all; writers serialized; readers never see half.</summary>
public sealed class TransactionTests
{
    private sealed record Order(int Id, string Customer);
    private sealed record Line(int Order, double Amount);

    private static (Session, Table Orders, Table Lines) Build()
    {
        var session = TestData.NewSession();
        var orders = session.CreateTable("Orders", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Customer"] = DataType.String }, keys: ["Id"]);
        var lines = session.CreateTable("Lines", new Dictionary<string, DataType> { ["Order"] = DataType.Int, ["Amount"] = DataType.Double });
        orders.Load([new Order(1, "Ann"), new Order(2, "Bob")]);
        lines.Load([new Line(1, 10), new Line(2, 20)]);
        return (session, orders, lines);
    }

    [Fact]
    public void ChangesToSeveralTablesArePublishedTogether()
    {
        var (session, orders, lines) = Build();
        using var _ = session;
        var events = new List<CommittedEventArgs>();
        session.Committed += (_, e) => { lock (events) events.Add(e); };
        using (var transaction = session.StartTransaction())
        {
            orders.Load([new Order(3, "Cy")]);
            lines.Load([new Line(3, 30), new Line(3, 5)]);
            lines.Drop(lines["Order"] == 1);
            // Another thread reads the published version: none of it yet.
            (long, long) seen = default;
            OnAnotherThread(() => seen = (orders.RowCount, lines.RowCount)).Join();
            Assert.Equal((2L, 2L), seen);
            Assert.Empty(events);
            transaction.Commit();
        }
        Assert.Equal(3, orders.RowCount);
        Assert.Equal([20.0, 30.0, 5.0], lines.Query().Column("Amount").Values.Cast<double?>());
        var commit = Assert.Single(events);
        Assert.Equal(["Lines", "Orders"], commit.Tables.Order());
    }

    [Fact]
    public void AFailureInTheMiddleRollsEverythingBack()
    {
        var (session, orders, lines) = Build();
        using var _ = session;
        var before = session.Current;
        var failure = Assert.Throws<LoadException>(() =>
        {
            using var transaction = session.StartTransaction();
            orders.Load([new Order(2, "Bea"), new Order(4, "Dan")]);   // an upsert and a new row
            lines.Append([3, "not a number"]);                           // fails: the transaction is disposed without a commit
            transaction.Commit();
        });
        Assert.Contains("column 'Amount'", failure.Message, StringComparison.Ordinal);
        Assert.Same(before, session.Current);   // nothing was published
        Assert.Equal(["Ann", "Bob"], orders.Query().Column("Customer").Values.Cast<string>());
        // The key index is the published one again: an upsert of key 2 replaces Bob, key 4 is new.
        orders.Load([new Order(2, "Bea"), new Order(4, "Dan")]);
        Assert.Equal(["Ann", "Bea", "Dan"], orders.Query().Column("Customer").Values.Cast<string>().Order());
    }

    [Fact]
    public void TransactionsDoNotNestAndWritersWaitForTheOpenOne()
    {
        var (session, orders, _) = Build();
        using var __ = session;
        var transaction = session.StartTransaction();
        var nested = Assert.Throws<InvalidOperationException>(() => session.StartTransaction());
        Assert.Contains("transactions do not nest", nested.Message, StringComparison.Ordinal);
        orders.Load([new Order(5, "Eve")]);
        var writer = OnAnotherThread(() => orders.Load([new Order(6, "Fay")]));
        Assert.False(writer.Join(300));   // serialized: it waits for the transaction
        transaction.Commit();
        writer.Join();
        Assert.Equal(4, orders.RowCount);
        Assert.Throws<ObjectDisposedException>(transaction.Commit);
    }

    private sealed record Entry(int Id, string Account, double Amount);

    [Fact]
    public void ReadersOnOtherThreadsAlwaysSeeBalancedBooks()
    {
        using var session = TestData.NewSession();
        var ledger = session.CreateTable("Ledger", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Account"] = DataType.String, ["Amount"] = DataType.Double }, keys: ["Id"]);
        ledger.Load([new Entry(0, "Cash", 100), new Entry(1, "Equity", -100)]);
        var cube = session.CreateCube(ledger, "Ledger", CubeMode.Manual);
        cube.Measures["Amount"] = Agg.Sum(ledger["Amount"]);
        cube.Measures["Entries"] = Agg.Count(ledger["Id"]);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var failures = new List<Exception>();
        var readers = Enumerable.Range(0, 2).Select(_ => OnAnotherThread(() =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var result = cube.Query([cube.Measures["Amount"], cube.Measures["Entries"]]);
                    // Every transfer is two entries, written by two loads in one transaction: a reader sees both or neither.
                    Assert.Equal(0, result.Column("Amount").GetDouble(0)!.Value, 9);
                    Assert.Equal(0, (long)result.Column("Entries")[0]! % 2);
                    Interlocked.Increment(ref reads);
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
            }
        })).ToArray();
        for (var i = 1; i <= 150; i++)
        {
            using var transaction = session.StartTransaction();
            ledger.Load([new Entry(2 * i, "Cash", i)]);
            ledger.Load([new Entry(2 * i + 1, "Equity", -i)]);
            transaction.Commit();
        }
        stop.Cancel();
        foreach (var reader in readers) reader.Join();
        Assert.Empty(failures);
        Assert.True(reads > 0);
        Assert.Equal(302L, cube.Query([cube.Measures["Entries"]]).Column("Entries")[0]);
    }

    /// <summary>Transactions belong to a thread, so the tests use threads rather than tasks (which may hop between them).</summary>
    /// <summary>Another user's thread: it does not inherit this flow's transaction (a thread or task started inside one does).</summary>
    private static Thread OnAnotherThread(Action action)
    {
        var thread = new Thread(() => action()) { IsBackground = true };
        using (ExecutionContext.SuppressFlow()) thread.Start();
        return thread;
    }
}
