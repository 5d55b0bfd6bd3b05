using ICSharpCode.SharpZipLib;
using ICSharpCode.SharpZipLib.GZip;

namespace Cuboid.Loading;

/// <summary>
/// Opens a source file's bytes. A gzip file — known by its first two bytes, whatever its name —
/// is inflated as it is read, never to disk, as DuckDB and pandas read <c>.csv.gz</c>.
/// </summary>
/// <remarks>
/// SharpZipLib rather than <see cref="System.IO.Compression.GZipStream"/>: GZipStream stops quietly
/// where a cut-short file's bytes end, which would load part of a file as if it were whole;
/// SharpZipLib checks every member's trailer (length and CRC) and reads concatenated members.
/// </remarks>
internal static class SourceStreams
{
    public static bool IsGzip(string file)
    {
        using var stream = File.OpenRead(file);
        return StartsWithGzipMagic(stream);
    }

    /// <summary>The file's bytes, inflated when it is gzip; damaged gzip data throws <see cref="InvalidDataException"/> as it is read.</summary>
    public static Stream Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var gzip = StartsWithGzipMagic(stream);
            stream.Position = 0;
            return gzip ? new CheckedGzipStream(stream) : stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static bool StartsWithGzipMagic(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>SharpZipLib's errors as the one exception readers of damaged data expect.</summary>
    private sealed class CheckedGzipStream(Stream compressed) : GZipInputStream(compressed)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return base.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is SharpZipBaseException or EndOfStreamException)
            {
                throw Damaged(e);
            }
        }

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return base.Read(buffer);
            }
            catch (Exception e) when (e is SharpZipBaseException or EndOfStreamException)
            {
                throw Damaged(e);
            }
        }

        private static InvalidDataException Damaged(Exception e) => new($"the gzip data is damaged or cut short ({e.Message})", e);
    }
}
