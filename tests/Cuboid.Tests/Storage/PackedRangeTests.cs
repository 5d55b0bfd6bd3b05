using Cuboid.Expressions;
using Cuboid.Storage;

namespace Cuboid.Tests.Storage;

/// <summary>
/// Comparisons tested on packed offsets (PackedRange) and masks turned into selections (Compaction)
/// agree with the plain row-by-row answers: every operator, constants on, between and outside the
/// values, decimals, NaN, every width.
/// </summary>
public sealed class PackedRangeTests
{
    private static readonly ComparisonOperator[] s_operators = Enum.GetValues<ComparisonOperator>();

    public static TheoryData<string> Shapes => ["bytes", "shorts", "ints", "constant", "decimals", "negative decimals"];

    private static double[] Values(string shape, Random random, int count) => shape switch
    {
        "bytes" => [.. Enumerable.Range(0, count).Select(_ => (double)random.Next(1, 51))],
        "shorts" => [.. Enumerable.Range(0, count).Select(_ => (double)random.Next(-20_000, 20_000))],
        "ints" => [.. Enumerable.Range(0, count).Select(_ => (double)random.Next(0, 10_000_000))],
        "constant" => [.. Enumerable.Repeat(7.0, count)],
        "decimals" => [.. Enumerable.Range(0, count).Select(_ => random.Next(0, 11) / 100.0)],
        _ => [.. Enumerable.Range(0, count).Select(_ => random.Next(-99_999, 99_999) / 100.0)],
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AComparisonOnPackedOffsetsAgreesWithTheDecodedValues(string shape)
    {
        var random = new Random(shape.Length);
        const int count = 5_000;
        var values = Values(shape, random, count);
        var (schema, plain) = shape switch
        {
            "bytes" or "shorts" or "constant" => (new ColumnSchema("x", DataType.Int, null, 0), (ColumnData)new PrimitiveData<int>([.. values.Select(v => (int)v)], null, false)),
            "ints" => (new ColumnSchema("x", DataType.Long, null, 0), new PrimitiveData<long>([.. values.Select(v => (long)v)], null, false)),   // 4 bytes packed from 8
            _ => (new ColumnSchema("x", DataType.Double, null, 0), new PrimitiveData<double>(values, null, false)),
        };
        var packed = Assert.IsType<PackedData>(PackedData.Pack(plain, count, schema));
        var distinct = values.Distinct().Order().ToArray();
        // On every value, halfway between neighbours, beyond both ends, and NaN.
        double[] constants = [.. distinct.Take(20), .. distinct.Zip(distinct.Skip(1), (a, b) => (a + b) / 2).Take(20), distinct[0] - 1, distinct[^1] + 1, 0.07, double.NaN];
        var selection = Enumerable.Range(0, count).Where(i => i % 3 != 1).ToArray();
        var result = new bool[count];
        foreach (var op in s_operators)
        {
            foreach (var constant in constants)
            {
                var range = PackedRange.Of(packed, op, constant);
                bool Expected(int row) => op switch
                {
                    ComparisonOperator.Equal => values[row] == constant,
                    ComparisonOperator.NotEqual => values[row] != constant,
                    ComparisonOperator.Less => values[row] < constant,
                    ComparisonOperator.LessOrEqual => values[row] <= constant,
                    ComparisonOperator.Greater => values[row] > constant,
                    _ => values[row] >= constant,
                };
                packed.Test(range, 100, count - 100, default, result);
                for (var i = 0; i < count - 100; i++) Assert.True(Expected(100 + i) == result[i], $"{shape}: row {100 + i} ({values[100 + i]}) {op} {constant}");
                packed.Test(range, 0, selection.Length, selection, result);
                for (var i = 0; i < selection.Length; i++) Assert.True(Expected(selection[i]) == result[i], $"{shape}, selected: row {selection[i]} {op} {constant}");
            }
        }
    }

    [Fact]
    public void AMaskBecomesThePositionsOfItsSetRows()
    {
        var random = new Random(5);
        foreach (var length in new[] { 0, 1, 7, 31, 32, 33, 100, 4_096 })
        {
            foreach (var density in new[] { 0.0, 0.05, 0.5, 1.0 })
            {
                var mask = Enumerable.Range(0, length).Select(_ => random.NextDouble() < density).ToArray();
                var positions = new int[length];
                var kept = Compaction.Positions(mask, 1_000, positions);
                Assert.Equal(Enumerable.Range(0, length).Where(i => mask[i]).Select(i => 1_000 + i), positions.Take(kept));
            }
        }
    }
}
