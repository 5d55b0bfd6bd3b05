using System.Collections.Concurrent;

namespace Cuboid.Aggregation;

/// <summary>
/// Answers repeated aggregation requests from memory. Entries are keyed by data epoch,
/// granularity, filter and aggregations, so a commit never serves stale results; entries of
/// older epochs are dropped when a newer epoch is first seen.
/// </summary>
internal sealed class AggregateCache
{
    private readonly ConcurrentDictionary<string, AggregateResult> _entries = new(StringComparer.Ordinal);
    private long _epoch = -1;

    public int Count => _entries.Count;

    public bool TryGet(long epoch, string key, out AggregateResult result)
    {
        result = null!;
        return Interlocked.Read(ref _epoch) == epoch && _entries.TryGetValue(key, out result!);
    }

    public void Put(long epoch, string key, AggregateResult result)
    {
        var current = Interlocked.Read(ref _epoch);
        if (epoch < current) return;
        if (epoch > current && Interlocked.CompareExchange(ref _epoch, epoch, current) == current) _entries.Clear();
        _entries[key] = result;
    }

    public void Clear() => _entries.Clear();
}
