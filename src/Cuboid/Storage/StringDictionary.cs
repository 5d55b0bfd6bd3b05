namespace Cuboid.Storage;

/// <summary>
/// The dictionary of one string column: value ↔ int code. Append-only, so a code handed out
/// stays valid in every later version and every branch; that is what lets chunks store codes
/// and lets caches keyed on codes survive commits. Writers are serialized by the session;
/// readers only read codes they found in published chunks, so <see cref="this[int]"/> needs no lock.
/// </summary>
internal sealed class StringDictionary
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile string[] _values = new string[16];
    private volatile int _count;

    public int Count => _count;

    private long _bytes;

    /// <summary>About what its strings and index hold: each string's characters and header, an index entry, a slot.</summary>
    public long Bytes => Volatile.Read(ref _bytes) + 8L * _values.Length;

    public string this[int code] => _values[code];

    public int GetOrAdd(string value)
    {
        lock (_lock)
        {
            if (_codes.TryGetValue(value, out var code)) return code;
            code = _count;
            var values = _values;
            if (code == values.Length)
            {
                Array.Resize(ref values, values.Length * 2);
                _values = values;
            }
            values[code] = value;
            _codes.Add(value, code);
            _bytes += 22 + 2L * value.Length + 24;
            _count = code + 1;
            return code;
        }
    }

    public bool TryGetCode(string value, out int code)
    {
        lock (_lock) return _codes.TryGetValue(value, out code);
    }
}
