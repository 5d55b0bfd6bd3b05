using System.Runtime.CompilerServices;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Hardening;

/// <summary>
/// A transaction belongs to its async flow, not to a thread: it awaits, commits on another thread,
/// opens asynchronously; one its owner forgets is rolled back and never locks writers out.
/// </summary>
public sealed class TransactionMisuseTests
{
    private sealed record Order(int Id, string Customer);

    private static (Session Session, Table Orders) Build()
    {
        var session = TestData.NewSession();
        var orders = session.CreateTable("Orders", new Dictionary<string, DataType> { ["Id"] = DataType.Int, ["Customer"] = DataType.String }, keys: ["Id"]);
        orders.Load([new Order(1, "Ann")]);
        return (session, orders);
    }

    [Fact]
    public async Task ATransactionCommittedOnAnotherThreadEndsAndTheNextWriterGoesOn()
    {
        var (session, orders) = Build();
        using var _ = session;
        var transaction = session.StartTransaction();
        orders.Load([new Order(2, "Bob")]);
        var thread = Environment.CurrentManagedThreadId;
        var committedOn = await Task.Factory.StartNew(() =>   // a thread of its own, never the one that opened it
        {
            transaction.Commit();
            return Environment.CurrentManagedThreadId;
        }, TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.NotEqual(thread, committedOn);
        Assert.Equal(2, orders.RowCount);
        orders.Load([new Order(3, "Cy")]);   // a normal writer: not locked out
        Assert.Equal(3, orders.RowCount);
        Assert.Throws<ObjectDisposedException>(transaction.Commit);
    }

    [Fact]
    public async Task AnAsyncTransactionSpansAwaitsAndThreads()
    {
        var (session, orders) = Build();
        using var _ = session;
        var epochs = new List<long>();
        session.Committed += (_, e) => { lock (epochs) epochs.Add(e.Epoch); };
        await using (var transaction = await session.StartTransactionAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            orders.Load([new Order(2, "Bob")]);
            await Task.Yield();
            await Task.Run(() => orders.Load([new Order(3, "Cy")]), TestContext.Current.CancellationToken);   // the flow's transaction, on a pool thread
            await Task.Delay(10, TestContext.Current.CancellationToken);
            Assert.Equal(1, orders.RowCount);   // nothing published yet
            transaction.Commit();
        }
        Assert.Equal(3, orders.RowCount);
        Assert.Single(epochs);   // one version for both loads
    }

    [Fact]
    public async Task AWriterWaitingForAnAsyncTransactionBlocksNoThread()
    {
        var (session, orders) = Build();
        using var _ = session;
        var first = session.StartTransaction();
        Task<Transaction> second;
        using (ExecutionContext.SuppressFlow()) second = Task.Run(async () => await session.StartTransactionAsync(cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using var opened = await second;
        Assert.Equal(Session.BaseScenario, opened.Scenario);
    }

    [Fact]
    public void ATransactionAThreadForgotIsRolledBackAndWritersAreNotLockedOut()
    {
        var (session, orders) = Build();
        using var _ = session;
        ForgetATransactionOnAThreadThatEnds(orders);
        orders.Load([new Order(3, "Cy")]);   // waits until the collector finds the forgotten transaction
        Assert.Equal([1, 3], orders.Query().Column("Id").Values.Cast<int>().Order());
        using var next = session.StartTransaction();
        next.Commit();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForgetATransactionOnAThreadThatEnds(Table orders)
    {
        var thread = new Thread(() =>
        {
            orders.Session.StartTransaction();
            orders.Load([new Order(2, "Bob")]);
        });
        using (ExecutionContext.SuppressFlow()) thread.Start();
        thread.Join();
    }
}
