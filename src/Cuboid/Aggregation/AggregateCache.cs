using System.Collections.Concurrent;

namespace Cuboid.Aggregation;

/// <summary>
/// Answers repeated aggregation requests from memory. Entries are keyed by data epoch,
/// granularity, filter and aggregations, so a commit never serves stale results. The entries of
/// the few newest epochs are kept (the base and the scenarios being compared each read their
/// own epoch); older epochs are dropped as newer ones arrive.
/// </summary>
internal sealed class AggregateCache
{
    private const int Epochs = 8;
    private readonly ConcurrentDictionary<long, ConcurrentDictionary<string, AggregateResult>> _byEpoch = new();
    private readonly ConcurrentDictionary<string, (Model.CubeSnapshot Snapshot, AggregateResult Result)> _latest = new(StringComparer.Ordinal);

    /// <summary>The last scanned result for a request, with the data it was computed on: a commit can update it rather than scan again.</summary>
    public (Model.CubeSnapshot Snapshot, AggregateResult Result)? Latest(string key) => _latest.TryGetValue(key, out var found) ? found : null;

    public void PutLatest(string key, Model.CubeSnapshot snapshot, AggregateResult result)
    {
        if (_latest.TryGetValue(key, out var known) && known.Snapshot.Epoch > snapshot.Epoch) return;
        _latest[key] = (snapshot, result);
    }

    public int Count => _byEpoch.Values.Sum(e => e.Count);

    public bool TryGet(long epoch, string key, out AggregateResult result)
    {
        result = null!;
        return _byEpoch.TryGetValue(epoch, out var entries) && entries.TryGetValue(key, out result!);
    }

    public void Put(long epoch, string key, AggregateResult result)
    {
        var entries = _byEpoch.GetOrAdd(epoch, _ => new ConcurrentDictionary<string, AggregateResult>(StringComparer.Ordinal));
        entries[key] = result;
        if (_byEpoch.Count <= Epochs) return;
        foreach (var old in _byEpoch.Keys.Order().Take(_byEpoch.Count - Epochs)) _byEpoch.TryRemove(old, out _);
    }

    public void Clear()
    {
        _byEpoch.Clear();
        _latest.Clear();
    }
}
