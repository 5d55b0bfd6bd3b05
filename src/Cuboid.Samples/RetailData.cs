using System.Globalization;
using System.Buffers;
using System.Text;

namespace Cuboid.Samples;

/// <summary>The files written by <see cref="RetailData.WriteCsv"/>.</summary>
public sealed record RetailDataFiles(string Directory, string Sales, string Stores, string Products, string Customers, long SalesRows);

/// <summary>
/// A deterministic retail star schema (sales fact plus stores, products and customers) written as CSV.
/// The same (salesRows, seed) always produces byte-identical files, whatever the number of cores.
/// </summary>
public static class RetailData
{
    /// <summary>Stores of the Stores table.</summary>
    public const int StoreCount = 500;

    /// <summary>Products of the Products table.</summary>
    public const int ProductCount = 10_000;
    private const int CityCount = 200, SubcategoryCount = 100, BrandCount = 500;

    /// <summary>Rows per generation block; each block has its own RNG stream, so blocks can be made in parallel.</summary>
    private const int BlockRows = 65_536;
    private const int MaxLineBytes = 96;

    private static readonly string[] s_regions = ["North America", "Europe", "Asia", "South America", "Africa"];

    /// <summary>50 countries; <see cref="s_countryRegion"/> gives each one's index in <see cref="s_regions"/>.</summary>
    private static readonly string[] s_countries =
    [
        "United States", "Canada", "Mexico", "Guatemala", "Cuba", "Panama",
        "Germany", "France", "United Kingdom", "Italy", "Spain", "Netherlands", "Belgium", "Sweden",
        "Norway", "Denmark", "Poland", "Austria", "Switzerland", "Portugal", "Ireland",
        "China", "Japan", "India", "South Korea", "Indonesia", "Thailand", "Vietnam", "Malaysia",
        "Philippines", "Singapore", "Pakistan", "Bangladesh",
        "Brazil", "Argentina", "Chile", "Colombia", "Peru", "Venezuela", "Ecuador", "Uruguay",
        "Nigeria", "Egypt", "South Africa", "Kenya", "Morocco", "Ethiopia", "Ghana", "Algeria", "Tanzania",
    ];

    private static readonly int[] s_countryRegion = BuildCountryRegions();

    private static readonly string[] s_categories =
        ["Electronics", "Clothing", "Home", "Garden", "Sports", "Toys", "Grocery", "Beauty", "Books", "Automotive"];

    private static readonly string[] s_segments = ["Consumer", "Corporate", "Home Office", "Small Business"];

    private static readonly DateOnly s_firstDate = new(2023, 1, 1);
    private static readonly int s_dayCount = new DateOnly(2025, 12, 31).DayNumber - s_firstDate.DayNumber + 1;

    /// <summary>1,000,000 customers at 10M sales rows; max(1000, salesRows / 10).</summary>
    public static int CustomerCount(long salesRows) => (int)Math.Max(1000, salesRows / 10);

    /// <summary>
    /// Writes sales.csv (<paramref name="salesRows"/> rows), stores.csv, products.csv and customers.csv into
    /// <paramref name="directory"/>, the same bytes for the same rows and <paramref name="seed"/>; <paramref name="progress"/> gets sales rows written.
    /// </summary>
    public static RetailDataFiles WriteCsv(string directory, long salesRows, int seed = 42, IProgress<long>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(salesRows);
        System.IO.Directory.CreateDirectory(directory);
        var files = new RetailDataFiles(directory,
            Path.Combine(directory, "sales.csv"), Path.Combine(directory, "stores.csv"),
            Path.Combine(directory, "products.csv"), Path.Combine(directory, "customers.csv"), salesRows);

        var products = BuildProducts(seed);
        WriteStores(files.Stores, seed);
        WriteProducts(files.Products, products);
        WriteCustomers(files.Customers, CustomerCount(salesRows), seed);
        WriteSales(files.Sales, salesRows, seed, products.PriceCents, progress);
        return files;
    }

    // ---------------------------------------------------------------- dimensions

    private static int[] BuildCountryRegions()
    {
        int[] perRegion = [6, 15, 12, 8, 9]; // sums to 50, in the order of s_countries
        var map = new int[s_countries.Length];
        int c = 0;
        for (int r = 0; r < perRegion.Length; r++)
        {
            for (int k = 0; k < perRegion[r]; k++)
            {
                map[c++] = r;
            }
        }
        return map;
    }

    private static void WriteStores(string path, int seed)
    {
        // City k (0..199) is in country k % 50, so every country has 4 cities. Stores cover every city,
        // in a shuffled order.
        var rng = new SplitMix(Mix((ulong)seed, 0x5707E5));
        var cityOfStore = new int[StoreCount];
        for (int s = 0; s < StoreCount; s++)
        {
            cityOfStore[s] = s % CityCount;
        }
        for (int i = StoreCount - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (cityOfStore[i], cityOfStore[j]) = (cityOfStore[j], cityOfStore[i]);
        }
        var sb = new StringBuilder("store_id,city,country,region\n");
        for (int s = 0; s < StoreCount; s++)
        {
            int city = cityOfStore[s], country = city % s_countries.Length;
            sb.Append(s + 1).Append(",City ").Append((city + 1).ToString("D3", CultureInfo.InvariantCulture)).Append(',')
              .Append(s_countries[country]).Append(',').Append(s_regions[s_countryRegion[country]]).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private sealed record ProductTable(int[] Subcategory, int[] Brand, long[] PriceCents);

    private static ProductTable BuildProducts(int seed)
    {
        var rng = new SplitMix(Mix((ulong)seed, 0x9A0D));
        var sub = new int[ProductCount];
        var brand = new int[ProductCount];
        var price = new long[ProductCount];
        for (int p = 0; p < ProductCount; p++)
        {
            sub[p] = rng.NextInt(SubcategoryCount);
            brand[p] = rng.NextInt(BrandCount);
            // log-uniform between 1.00 and 1,000.00
            price[p] = (long)Math.Round(100 * Math.Exp(rng.NextDouble() * Math.Log(1000)));
        }
        return new ProductTable(sub, brand, price);
    }

    private static void WriteProducts(string path, ProductTable t)
    {
        // Subcategory k belongs to category k % 10.
        var sb = new StringBuilder("product_id,name,subcategory,category,brand\n");
        for (int p = 0; p < ProductCount; p++)
        {
            int sub = t.Subcategory[p];
            sb.Append(p + 1).Append(",Product ").Append((p + 1).ToString("D5", CultureInfo.InvariantCulture))
              .Append(",Subcategory ").Append((sub + 1).ToString("D3", CultureInfo.InvariantCulture)).Append(',')
              .Append(s_categories[sub % s_categories.Length])
              .Append(",Brand ").Append((t.Brand[p] + 1).ToString("D3", CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteCustomers(string path, int count, int seed)
    {
        var rng = new SplitMix(Mix((ulong)seed, 0xC057));
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("customer_id,name,segment,country\n");
        Span<char> num = stackalloc char[16];
        for (int c = 1; c <= count; c++)
        {
            c.TryFormat(num, out int n, provider: CultureInfo.InvariantCulture);
            w.Write(num[..n]);
            w.Write(",Customer ");
            c.TryFormat(num, out n, "D7", CultureInfo.InvariantCulture);
            w.Write(num[..n]);
            w.Write(',');
            w.Write(s_segments[rng.NextInt(s_segments.Length)]);
            w.Write(',');
            w.Write(s_countries[rng.NextInt(s_countries.Length)]);
            w.Write('\n');
        }
    }

    // ---------------------------------------------------------------- sales

    private static void WriteSales(string path, long rows, int seed, long[] priceCents, IProgress<long>? progress)
    {
        byte[][] dates = new byte[s_dayCount][];
        for (int d = 0; d < s_dayCount; d++)
        {
            dates[d] = Encoding.ASCII.GetBytes(s_firstDate.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        int customers = CustomerCount(rows);
        long blocks = (rows + BlockRows - 1) / BlockRows;
        int batch = Math.Max(2, Environment.ProcessorCount * 2);
        var buffers = new byte[batch][];
        var lengths = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            buffers[i] = ArrayPool<byte>.Shared.Rent(BlockRows * MaxLineBytes);
        }
        try
        {
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            fs.Write("sale_id,date,store_id,product_id,customer_id,quantity,unit_price,discount,cost\n"u8);
            long written = 0;
            for (long first = 0; first < blocks; first += batch)
            {
                int n = (int)Math.Min(batch, blocks - first);
                Parallel.For(0, n, i =>
                {
                    long block = first + i;
                    long start = block * BlockRows;
                    int count = (int)Math.Min(BlockRows, rows - start);
                    lengths[i] = FormatBlock(buffers[i], start, count, Mix((ulong)seed, (ulong)block + 1), dates, priceCents, customers);
                });
                for (int i = 0; i < n; i++)
                {
                    fs.Write(buffers[i], 0, lengths[i]);
                    written = Math.Min(rows, (first + i + 1) * BlockRows);
                    progress?.Report(written);
                }
            }
        }
        finally
        {
            foreach (var b in buffers)
            {
                ArrayPool<byte>.Shared.Return(b);
            }
        }
    }

    private static int FormatBlock(byte[] buffer, long start, int count, ulong streamSeed, byte[][] dates, long[] priceCents, int customers)
    {
        var rng = new SplitMix(streamSeed);
        Span<byte> o = buffer;
        int pos = 0;
        for (int r = 0; r < count; r++)
        {
            long saleId = start + r + 1;
            int day = rng.NextInt(dates.Length);
            int store = rng.NextInt(StoreCount) + 1;
            double u = rng.NextDouble();
            int product = Math.Min(ProductCount - 1, (int)(ProductCount * u * u * u)) + 1; // skewed: low ids sell most
            int customer = rng.NextInt(customers) + 1;
            double uq = rng.NextDouble();
            int quantity = 1 + (int)(20 * uq * uq); // 1..20, small quantities more common
            long price = priceCents[product - 1];
            int discount = rng.NextInt(31); // 0.00 .. 0.30
            long cost = quantity * price * (50 + rng.NextInt(31)) / 100; // 50%..80% of the gross amount

            pos += Int(o[pos..], saleId);
            o[pos++] = (byte)',';
            dates[day].CopyTo(o[pos..]);
            pos += 10;
            o[pos++] = (byte)',';
            pos += Int(o[pos..], store);
            o[pos++] = (byte)',';
            pos += Int(o[pos..], product);
            o[pos++] = (byte)',';
            pos += Int(o[pos..], customer);
            o[pos++] = (byte)',';
            pos += Int(o[pos..], quantity);
            o[pos++] = (byte)',';
            pos += Cents(o[pos..], price);
            o[pos++] = (byte)',';
            pos += Cents(o[pos..], discount);
            o[pos++] = (byte)',';
            pos += Cents(o[pos..], cost);
            o[pos++] = (byte)'\n';
        }
        return pos;
    }

    /// <summary>Writes a non-negative integer in ASCII; returns the bytes written.</summary>
    private static int Int(Span<byte> dst, long v)
    {
        Span<byte> tmp = stackalloc byte[20];
        int n = 0;
        do
        {
            tmp[n++] = (byte)('0' + (int)(v % 10));
            v /= 10;
        }
        while (v != 0);
        for (int i = 0; i < n; i++)
        {
            dst[i] = tmp[n - 1 - i];
        }
        return n;
    }

    /// <summary>Writes cents as a decimal with two places ("12.05"); returns the bytes written.</summary>
    private static int Cents(Span<byte> dst, long cents)
    {
        int n = Int(dst, cents / 100);
        long frac = cents % 100;
        dst[n] = (byte)'.';
        dst[n + 1] = (byte)('0' + (int)(frac / 10));
        dst[n + 2] = (byte)('0' + (int)(frac % 10));
        return n + 3;
    }

    private static ulong Mix(ulong a, ulong b)
    {
        ulong z = a * 0x9E3779B97F4A7C15UL ^ (b + 0xD1B54A32D192ED03UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>SplitMix64: tiny, fast and good enough for synthetic data.</summary>
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, n).</summary>
        public int NextInt(int n) => (int)(((Next() >> 32) * (ulong)n) >> 32);

        /// <summary>Uniform in [0, 1).</summary>
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
