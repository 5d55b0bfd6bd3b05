namespace Cuboid.Model;

/// <summary>
/// The members of one hierarchy, level by level: a member is (parent member, key) and gets an
/// int code the first time it is seen. Append-only for the life of the hierarchy, so codes stay
/// valid across commits and cached member codes of unchanged chunks stay correct. Interning is
/// locked; reading a member a reader already holds the code of is not.
/// </summary>
internal sealed class MemberTable
{
    private readonly LevelMembers[] _levels;
    private readonly Lock _lock = new();

    public MemberTable(int depth)
    {
        _levels = new LevelMembers[depth];
        for (var d = 0; d < depth; d++) _levels[d] = new LevelMembers();
    }

    public int Depth => _levels.Length;

    public int Count(int depth) => _levels[depth].Count;

    public long Key(int depth, int code) => _levels[depth].Keys[code];

    /// <summary>The parent's code at depth - 1 (-1 at depth 0).</summary>
    public int Parent(int depth, int code) => _levels[depth].Parents[code];

    /// <summary>The ancestor at <paramref name="ancestorDepth"/> of a member at <paramref name="depth"/>.</summary>
    public int Ancestor(int depth, int code, int ancestorDepth)
    {
        for (var d = depth; d > ancestorDepth; d--) code = Parent(d, code);
        return code;
    }

    /// <summary>Interns the path of keys, top first, and writes each level's code.</summary>
    public void Intern(ReadOnlySpan<long> path, Span<int> codes)
    {
        lock (_lock)
        {
            var parent = -1;
            for (var d = 0; d < path.Length; d++) codes[d] = parent = _levels[d].Intern(parent, path[d]);
        }
    }

    /// <summary>Interns many paths under one lock: <paramref name="paths"/> holds Depth keys per row.</summary>
    public void InternAll(ReadOnlySpan<long> paths, int rows, int[][] codes, int offset)
    {
        lock (_lock)
        {
            for (var r = 0; r < rows; r++)
            {
                var parent = -1;
                for (var d = 0; d < _levels.Length; d++) codes[d][offset + r] = parent = _levels[d].Intern(parent, paths[r * _levels.Length + d]);
            }
        }
    }

    private sealed class LevelMembers
    {
        private readonly Dictionary<(int Parent, long Key), int> _index = [];
        private volatile int _count;

        public long[] Keys { get; private set; } = new long[16];
        public int[] Parents { get; private set; } = new int[16];
        public int Count => _count;

        public int Intern(int parent, long key)
        {
            if (_index.TryGetValue((parent, key), out var code)) return code;
            code = _count;
            if (code == Keys.Length)
            {
                // Grow by copy and publish the new arrays before the count: a reader never sees a code without its data.
                var keys = new long[code * 2];
                var parents = new int[code * 2];
                Array.Copy(Keys, keys, code);
                Array.Copy(Parents, parents, code);
                Keys = keys;
                Parents = parents;
            }
            Keys[code] = key;
            Parents[code] = parent;
            _index.Add((parent, key), code);
            _count = code + 1;
            return code;
        }
    }
}
