namespace Cuboid.Tests.Support;

/// <summary>Records progress reports on the spot, in order (Progress&lt;T&gt; would post them to the thread pool); loads may report from several threads.</summary>
internal sealed class SyncProgress(List<long> reports) : IProgress<long>
{
    public void Report(long value)
    {
        lock (reports) reports.Add(value);
    }
}
