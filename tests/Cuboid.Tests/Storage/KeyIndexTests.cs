using Cuboid.Storage;
using Cuboid.Tests.Support;

namespace Cuboid.Tests.Storage;

public sealed class KeyIndexTests
{
    private static KeyTuple K(long a) => new(a, 0, 0, 0);

    [Fact]
    public void DenseIndexSetsReplacesAndRemoves()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        Assert.False(index.TryGet(K(5), out _));
        Assert.Equal(-1, index.Set(K(5), 100));
        Assert.Equal(-1, index.Set(K(7), 101));
        Assert.Equal(100, index.Set(K(5), 102));
        Assert.Equal(2, index.Count);
        Assert.True(index.TryGet(K(5), out var row));
        Assert.Equal(102, row);
        Assert.True(index.TryGet(K(7), out row));
        Assert.Equal(101, row);
        Assert.False(index.TryGet(K(6), out _));
        Assert.False(index.TryGet(K(4), out _));
        Assert.True(index.Remove(K(5)));
        Assert.False(index.Remove(K(5)));
        Assert.False(index.Remove(K(1_000_000)));
        Assert.False(index.TryGet(K(5), out _));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void SetAllReplacesEarlierRowsOfTheSameKeysAndFallsBackToHashingWhenSparse()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        Assert.True(index.Reserve(10, 20, 5));
        var replaced = new List<int>();
        index.SetAll<long>([10, 11, 10, 20], 100, replaced);
        Assert.Equal([100], replaced);   // row 102 holds key 10 after row 100
        Assert.Equal(3, index.Count);
        Assert.True(index.TryGet(K(10), out var row));
        Assert.Equal(102, row);

        replaced.Clear();
        index.SetAll<int>([11, int.MaxValue, -5], 200, replaced);   // far apart: the index becomes a hash
        Assert.Equal([101], replaced);
        Assert.Equal(5, index.Count);
        Assert.False(index.Reserve(0, 1, 1));
        foreach (var (key, expected) in new[] { (10L, 102), (11L, 200), (20L, 103), (int.MaxValue, 201), (-5L, 202) })
        {
            Assert.True(index.TryGet(K(key), out row));
            Assert.Equal(expected, row);
        }
    }

    [Fact]
    public void DenseIndexGrowsDownwardsAndUpwards()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        for (var k = 5000; k >= -5000; k -= 3) index.Set(K(k), k + 10_000);
        for (var k = 5001; k < 20_000; k += 7) index.Set(K(k), k + 10_000);
        for (var k = -6000; k < 21_000; k++)
        {
            var expected = (k <= 5000 && k >= -5000 && (5000 - k) % 3 == 0) || (k > 5000 && k < 20_000 && (k - 5001) % 7 == 0);
            Assert.Equal(expected, index.TryGet(K(k), out var row));
            if (expected) Assert.Equal(k + 10_000, row);
        }
    }

    [Fact]
    public void SparseKeysSwitchToHashingAndKeepEveryLookup()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        var keys = new List<long>();
        for (var i = 0; i < 2000; i++) keys.Add(i);                        // dense start
        for (var i = 0; i < 500; i++) keys.Add(10_000_000_000L + i * 1_000_003L);   // far away: converts to a hash
        for (var i = 0; i < 500; i++) keys.Add(-7_000_000_000L - i * 999_983L);
        for (var i = 0; i < keys.Count; i++) Assert.Equal(-1, index.Set(K(keys[i]), i));
        Assert.Equal(keys.Count, index.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.True(index.TryGet(K(keys[i]), out var row), $"key {keys[i]}");
            Assert.Equal(i, row);
        }
        Assert.False(index.TryGet(K(2000), out _));
        Assert.False(index.TryGet(K(10_000_000_001L), out _));
        Assert.Equal(3, index.Set(K(3), 9999));
        Assert.True(index.Remove(K(keys[2100])));
        Assert.False(index.TryGet(K(keys[2100]), out _));
        Assert.Equal(keys.Count - 1, index.Count);
    }

    [Theory]
    [InlineData(0L, long.MaxValue)]
    [InlineData(long.MaxValue, 0L)]
    [InlineData(-1L, long.MaxValue)]
    [InlineData(long.MinValue + 1, long.MaxValue)]
    [InlineData(long.MaxValue, long.MinValue + 1)]
    [InlineData(long.MinValue + 1, 0L)]
    [InlineData(-4_611_686_018_427_387_904L, 4_611_686_018_427_387_904L)]
    public void ExtremeKeysDoNotOverflowTheDenseRange(long first, long second)
    {
        var index = new KeyIndex(1, denseCandidate: true);
        Assert.Equal(-1, index.Set(K(first), 1));
        Assert.Equal(-1, index.Set(K(second), 2));
        Assert.Equal(-1, index.Set(K(first / 2 + 1), 3));
        Assert.True(index.TryGet(K(first), out var row));
        Assert.Equal(1, row);
        Assert.True(index.TryGet(K(second), out row));
        Assert.Equal(2, row);
        Assert.True(index.TryGet(K(first / 2 + 1), out row));
        Assert.Equal(3, row);
        Assert.Equal(3, index.Count);
        Assert.Equal(1, index.Set(K(first), 4));
    }

    [Fact]
    public void AKeyNearTheTopOfTheRangeDoesNotMatchKeysAtTheBottom()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        index.Set(K(long.MaxValue), 1);
        for (var k = long.MinValue + 1; k < long.MinValue + 2000; k++) Assert.False(index.TryGet(K(k), out _), $"key {k}");
        Assert.Equal(-1, index.Set(K(long.MaxValue - 5), 2));
        Assert.True(index.TryGet(K(long.MaxValue), out var row));
        Assert.Equal(1, row);
        Assert.True(index.TryGet(K(long.MaxValue - 5), out row));
        Assert.Equal(2, row);
        Assert.Equal(-1, index.Set(K(long.MinValue + 3), 3));
        Assert.True(index.TryGet(K(long.MinValue + 3), out row));
        Assert.Equal(3, row);
        Assert.False(index.TryGet(K(long.MinValue + 4), out _));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void DenseGrowthNearTheBottomOfTheRangeKeepsEveryKey()
    {
        var index = new KeyIndex(1, denseCandidate: true);
        var keys = new List<long>();
        for (var k = long.MinValue + 3000; k > long.MinValue + 1; k -= 2) keys.Add(k);   // grows downwards to the very bottom
        for (var i = 0; i < keys.Count; i++) index.Set(K(keys[i]), i);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.True(index.TryGet(K(keys[i]), out var row));
            Assert.Equal(i, row);
            Assert.False(index.TryGet(K(keys[i] - 1), out _));
        }
        Assert.False(index.TryGet(K(long.MaxValue), out _));
    }

    [Fact]
    public void CompositeKeysHashEveryPart()
    {
        var index = new KeyIndex(2, denseCandidate: false);
        index.Set(new KeyTuple(1, 2, 0, 0), 10);
        index.Set(new KeyTuple(2, 1, 0, 0), 11);
        Assert.True(index.TryGet(new KeyTuple(1, 2, 0, 0), out var row));
        Assert.Equal(10, row);
        Assert.True(index.TryGet(new KeyTuple(2, 1, 0, 0), out row));
        Assert.Equal(11, row);
        Assert.False(index.TryGet(new KeyTuple(1, 1, 0, 0), out _));
        Assert.Equal(10, index.Set(new KeyTuple(1, 2, 0, 0), 12));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void SparseLongKeysUpsertThroughTheTable()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.Long, ["V"] = DataType.Int }, keys: ["K"]);
        var keys = new long[] { 1, 2, long.MaxValue, -1, long.MinValue + 1, 1L << 50, 3 };
        table.Append([.. keys.Select((k, i) => new object?[] { k, i })]);
        table.Append([.. keys.Select((k, i) => new object?[] { k, 100 + i })]);
        Assert.Equal(keys.Length, table.RowCount);
        Assert.Equal(keys, table.Query().Column("K").Values.Cast<long>());
        Assert.Equal(Enumerable.Range(100, keys.Length), table.Query().Column("V").Values.Cast<int>());
        Assert.Equal(1, table.Query(filter: table["K"] == long.MaxValue).RowCount);
    }

    [Fact]
    public void StringKeysUseDictionaryCodes()
    {
        using var session = TestData.NewSession();
        var table = session.CreateTable("T", new Dictionary<string, DataType> { ["K"] = DataType.String, ["V"] = DataType.Int }, keys: ["K"]);
        table.Append(["a", 1], ["b", 2], ["c", 3]);
        table.Append(["b", 20], ["d", 4]);
        Assert.Equal(4, table.RowCount);
        Assert.Equal([["a", 1], ["c", 3], ["b", 20], ["d", 4]], table.Query().Rows());
        var index = table.Store.KeyIndex!;
        Assert.Equal(4, index.Count);
    }
}
