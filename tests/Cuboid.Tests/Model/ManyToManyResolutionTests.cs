using Cuboid.Tests.Support;
using static Cuboid.Tests.Model.ModelKit;

namespace Cuboid.Tests.Model;

/// <summary>
/// How a many-to-many join is kept up to date by commits: a fact commit resolves only its new chunks, a tag commit
/// re-groups the tags and resolves again only the fact chunks that held a product the tags lacked; a join whose
/// values come to have one row each is one-to-one again.
/// </summary>
public sealed class ManyToManyResolutionTests
{
    [Fact]
    public void CommitsResolveOnlyWhatTheyChanged()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String), ("Amount", DataType.Double));
        var tags = Table(session, "Tags", ["Product", "Tag"], ("Product", DataType.String), ("Tag", DataType.String));
        // A full first chunk of facts (its rows never change below), products P0–P9; P9 has no tag yet.
        sales.Load(Enumerable.Range(0, Cuboid.Storage.Chunk.Size).Select(i => new { Id = i, Product = $"P{i % 10}", Amount = 1.0 }));
        tags.Load(Enumerable.Range(0, 9).SelectMany(p => new[] { new { Product = $"P{p}", Tag = "a" }, new { Product = $"P{p}", Tag = $"b{p % 2}" } }));
        sales.Join(tags, sales["Product"] == tags["Product"]);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        cube.Hierarchies.Remove("Tag");
        cube.Hierarchies.Set("Tags", tags["Tag"]);
        cube.Measures["Amount"] = Agg.Sum(sales["Amount"]);
        int[] FirstChunkGroups() => cube.Snapshot.FirstMany!.GroupOf[0];
        var before = FirstChunkGroups();

        sales.Load([new { Id = -1, Product = "P1", Amount = 5.0 }]);   // a second chunk
        Assert.Same(before, FirstChunkGroups());
        Assert.Equal(2, cube.Snapshot.FirstMany!.GroupOf.Length);

        tags.Append(["P1", "c"]);   // a new tag of a known product: groups unchanged for the facts
        Assert.Same(before, FirstChunkGroups());
        tags.Append(["P9", "a"]);   // a product the first chunk held and the tags lacked: that chunk again
        var after = FirstChunkGroups();
        Assert.NotSame(before, after);
        // Every product has tag a now: all facts once. Tag b1 is P1, P3, P5 and P7's, and the extra sale of P1.
        Assert.Equal(Cuboid.Storage.Chunk.Size + 1L, Convert.ToInt64(cube.Query([cube.Measures["contributors.COUNT"]], filter: cube.Levels["Tag"] == "a").Rows().Single()[0], System.Globalization.CultureInfo.InvariantCulture));
        var b1 = Enumerable.Range(0, Cuboid.Storage.Chunk.Size).Count(i => i % 10 is 1 or 3 or 5 or 7) + 5.0;
        Assert.Equal(b1, cube.Query([cube.Measures["Amount"]], filter: cube.Levels["Tag"] == "b1").Rows().Single()[0]);
        Assert.True(session.Memory.Cubes.Single().Bytes > 0);
    }

    [Fact]
    public void AJoinIsOneToOneWhileEachValueHasOneRow()
    {
        using var session = TestData.NewSession();
        var sales = Table(session, "Sales", ["Id"], ("Id", DataType.Int), ("Product", DataType.String));
        var tags = Table(session, "Tags", ["Product", "Tag"], ("Product", DataType.String), ("Tag", DataType.String));
        sales.Append([1, "P1"], [2, "P2"]);
        tags.Append(["P1", "a"], ["P2", "b"]);
        sales.Join(tags, sales["Product"] == tags["Product"]);
        var cube = session.CreateCube(sales, "C", CubeMode.Manual);
        Assert.False(cube.Snapshot.HasMany);
        tags.Append(["P1", "b"]);
        Assert.True(cube.Snapshot.HasMany);
        tags.Drop(tags["Tag"] == "a");
        Assert.False(cube.Snapshot.HasMany);
    }
}
