using System.Buffers;

namespace Cuboid.Expressions;

/// <summary>
/// Chunk-sized scratch buffers for calcs, rented per use: no allocation per chunk, and each
/// thread of a parallel scan gets its own.
/// </summary>
internal static class BufferPool
{
    public static Lease<double> Doubles(int length, out Span<double> span) => Rent(length, out span);
    public static Lease<bool> Bools(int length, out Span<bool> span) => Rent(length, out span);
    public static Lease<long> Longs(int length, out Span<long> span) => Rent(length, out span);
    public static Lease<int> Ints(int length, out Span<int> span) => Rent(length, out span);
    public static Lease<byte> Bytes(int length, out Span<byte> span) => Rent(length, out span);

    private static Lease<T> Rent<T>(int length, out Span<T> span)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(length, 1));
        span = array.AsSpan(0, length);
        return new Lease<T>(array);
    }

    public readonly struct Lease<T>(T[] array) : IDisposable
    {
        public T[] Array { get; } = array;
        public void Dispose() => ArrayPool<T>.Shared.Return(Array);
    }
}
