namespace Cuboid.Aggregation;

/// <summary>
/// Answers repeated aggregation requests from memory. Entries are keyed by data epoch,
/// granularity, filter and aggregations, so a commit never serves stale results; beside them, the
/// last result of each request with the data it was computed on, which a commit updates instead of
/// scanning again. All of them share one budget of bytes (<see cref="SessionConfig.AggregateCacheBytes"/>):
/// past it, the least recently used entries go first; entries of epochs older than the few newest go too.
/// </summary>
internal sealed class AggregateCache(long capacityBytes)
{
    private const int Epochs = 8;

    /// <summary>One cached result: by epoch and key, or (Snapshot set) the latest of its key.</summary>
    private sealed record Entry(long Epoch, string Key, AggregateResult Result, Model.CubeSnapshot? Snapshot);

    private readonly Lock _lock = new();
    private readonly Dictionary<(long Epoch, string Key), LinkedListNode<Entry>> _byEpoch = [];
    private readonly Dictionary<string, LinkedListNode<Entry>> _latest = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recent = [];   // most recently used first
    private readonly SortedSet<long> _epochs = [];
    // A result is often both an epoch's entry and its key's latest: its bytes count once, while either holds it.
    private readonly Dictionary<AggregateResult, int> _holders = new(ReferenceEqualityComparer.Instance);
    private long _bytes;

    public long CapacityBytes { get; } = capacityBytes;

    /// <summary>Entries and bytes held now, and the requests answered from the cache and not.</summary>
    public (int Entries, long Bytes, long Hits, long Misses) Size
    {
        get { lock (_lock) return (_recent.Count, _bytes, _hits, _misses); }
    }

    private long _hits, _misses;

    public int Count
    {
        get { lock (_lock) return _byEpoch.Count; }
    }

    /// <summary>The last scanned result for a request, with the data it was computed on: a commit can update it rather than scan again.</summary>
    public (Model.CubeSnapshot Snapshot, AggregateResult Result)? Latest(string key)
    {
        lock (_lock)
        {
            if (!_latest.TryGetValue(key, out var node)) return null;
            Touch(node);
            return (node.Value.Snapshot!, node.Value.Result);
        }
    }

    public void PutLatest(string key, Model.CubeSnapshot snapshot, AggregateResult result)
    {
        lock (_lock)
        {
            if (_latest.TryGetValue(key, out var known))
            {
                if (known.Value.Snapshot!.Epoch > snapshot.Epoch) return;
                Remove(known);
            }
            var node = Add(new Entry(snapshot.Epoch, key, result, snapshot));
            _latest[key] = node;
            Trim();
        }
    }

    public bool TryGet(long epoch, string key, out AggregateResult result)
    {
        lock (_lock)
        {
            if (_byEpoch.TryGetValue((epoch, key), out var node))
            {
                Touch(node);
                _hits++;
                QueryTelemetry.CacheHit();   // for the query's log record
                result = node.Value.Result;
                return true;
            }
            _misses++;
        }
        result = null!;
        return false;
    }

    public void Put(long epoch, string key, AggregateResult result)
    {
        lock (_lock)
        {
            if (_byEpoch.TryGetValue((epoch, key), out var known)) Remove(known);
            _byEpoch[(epoch, key)] = Add(new Entry(epoch, key, result, null));
            _epochs.Add(epoch);
            while (_epochs.Count > Epochs)
            {
                var oldest = _epochs.Min;
                _epochs.Remove(oldest);
                foreach (var stale in _byEpoch.Where(e => e.Key.Epoch == oldest).Select(e => e.Value).ToList()) Remove(stale);
            }
            Trim();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _byEpoch.Clear();
            _latest.Clear();
            _recent.Clear();
            _epochs.Clear();
            _holders.Clear();
            _bytes = 0;
        }
    }

    private LinkedListNode<Entry> Add(Entry entry)
    {
        var holders = _holders.GetValueOrDefault(entry.Result);
        if (holders == 0) _bytes += entry.Result.EstimatedBytes;
        _holders[entry.Result] = holders + 1;
        return _recent.AddFirst(entry);
    }

    private void Touch(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        _recent.AddFirst(node);
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        var holders = _holders[node.Value.Result] - 1;
        if (holders > 0)
        {
            _holders[node.Value.Result] = holders;
        }
        else
        {
            _holders.Remove(node.Value.Result);
            _bytes -= node.Value.Result.EstimatedBytes;
        }
        if (node.Value.Snapshot is null) _byEpoch.Remove((node.Value.Epoch, node.Value.Key));
        else _latest.Remove(node.Value.Key);
    }

    /// <summary>Drops the least recently used entries until the cache is within its budget (the newest entry stays, however big).</summary>
    private void Trim()
    {
        while (_bytes > CapacityBytes && _recent.Count > 1) Remove(_recent.Last!);
    }
}
