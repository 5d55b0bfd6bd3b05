using Parquet;
using Parquet.Schema;

namespace Cuboid.Samples.Ssb;

/// <summary>The five SSB files of one scale factor.</summary>
public sealed record SsbFiles(string Directory, double ScaleFactor)
{
    /// <summary>The fact table.</summary>
    public string LineOrder => Path.Combine(Directory, "lineorder.parquet");

    /// <summary>Customers (region → nation → city).</summary>
    public string Customer => Path.Combine(Directory, "customer.parquet");

    /// <summary>Suppliers (region → nation → city).</summary>
    public string Supplier => Path.Combine(Directory, "supplier.parquet");

    /// <summary>Parts (MFGR → category → brand1).</summary>
    public string Part => Path.Combine(Directory, "part.parquet");

    /// <summary>The days of 1992–1998.</summary>
    public string Date => Path.Combine(Directory, "date.parquet");
}

/// <summary>
/// The Star Schema Benchmark's data (O'Neil, O'Neil, Chen, "Star Schema Benchmark", rev. 3), generated
/// in C# and written as Parquet: lineorder (≈ 6M rows per scale factor: 1.5M orders of 1–7 lines),
/// customer (30,000 × SF), supplier (2,000 × SF), part (200,000 × ⌊1 + log2 SF⌋) and date (the 2,557
/// days of 1992–1998), with the spec's keys, hierarchies (region → nation → city; MFGR → category →
/// brand1; year → month → day), cardinalities and value ranges. The same files for the same scale
/// factor and seed, every time. Not byte-identical to ssb-dbgen: text columns (names, addresses,
/// phones, comments) are short synthetic strings, values are uniform where dbgen skews them (order
/// dates over the whole range, every customer ordering), and prices are integers in cents.
/// </summary>
public static class SsbData
{
    /// <summary>TPC-H's 25 nations and the region of each.</summary>
    private static readonly (string Nation, string Region)[] s_nations =
    [
        ("ALGERIA", "AFRICA"), ("ARGENTINA", "AMERICA"), ("BRAZIL", "AMERICA"), ("CANADA", "AMERICA"), ("EGYPT", "MIDDLE EAST"),
        ("ETHIOPIA", "AFRICA"), ("FRANCE", "EUROPE"), ("GERMANY", "EUROPE"), ("INDIA", "ASIA"), ("INDONESIA", "ASIA"),
        ("IRAN", "MIDDLE EAST"), ("IRAQ", "MIDDLE EAST"), ("JAPAN", "ASIA"), ("JORDAN", "MIDDLE EAST"), ("KENYA", "AFRICA"),
        ("MOROCCO", "AFRICA"), ("MOZAMBIQUE", "AFRICA"), ("PERU", "AMERICA"), ("CHINA", "ASIA"), ("ROMANIA", "EUROPE"),
        ("SAUDI ARABIA", "MIDDLE EAST"), ("VIETNAM", "ASIA"), ("RUSSIA", "EUROPE"), ("UNITED KINGDOM", "EUROPE"), ("UNITED STATES", "AMERICA"),
    ];

    private static readonly string[] s_segments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"];
    private static readonly string[] s_priorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECI", "5-LOW"];
    private static readonly string[] s_shipModes = ["AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"];
    private static readonly string[] s_colors = ["almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush", "brown", "burlywood", "chartreuse", "chocolate", "coral", "cornflower", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "yellow"];
    private static readonly string[] s_typeWords1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"];
    private static readonly string[] s_typeWords2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"];
    private static readonly string[] s_typeWords3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"];
    private static readonly string[] s_containers1 = ["SM", "LG", "MED", "JUMBO", "WRAP"];
    private static readonly string[] s_containers2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"];
    private static readonly string[] s_months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] s_days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly DateOnly s_first = new(1992, 1, 1), s_last = new(1998, 12, 31);

    /// <summary>Orders per generation block: each block has its own random stream, so a file is the same whatever the block order.</summary>
    private const int OrdersPerBlock = 250_000;

    /// <summary>Customers at a scale factor: 30,000 × SF.</summary>
    public static int CustomerCount(double sf) => Math.Max(1, (int)(30_000 * sf));

    /// <summary>Suppliers: 2,000 × SF.</summary>
    public static int SupplierCount(double sf) => Math.Max(1, (int)(2_000 * sf));

    /// <summary>Parts: 200,000 × ⌊1 + log2 SF⌋.</summary>
    public static int PartCount(double sf) => (int)(200_000 * Math.Floor(1 + Math.Log2(Math.Max(1, sf))));

    /// <summary>Orders: 1,500,000 × SF, of 1–7 lines each.</summary>
    public static long OrderCount(double sf) => Math.Max(1, (long)(1_500_000 * sf));

    /// <summary>A city: the nation's name cut or padded to 9 characters, then a digit (SSB's "UNITED KI1").</summary>
    public static string City(string nation, int digit) => (nation.Length >= 9 ? nation[..9] : nation.PadRight(9)) + digit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The files' layout, in the marker of a written directory: files of an older layout are written again (2: text columns dictionary-encoded).</summary>
    private const int Format = 2;

    /// <summary>Writes the files into <paramref name="directory"/> unless they are there for this scale factor.</summary>
    public static SsbFiles Ensure(string directory, double scaleFactor, int seed = 7)
    {
        var files = new SsbFiles(directory, scaleFactor);
        var done = Path.Combine(directory, "done");
        var stamp = $"SSB SF {scaleFactor} seed {seed} format {Format}";
        if (File.Exists(done) && File.ReadAllText(done) == stamp) return files;
        Directory.CreateDirectory(directory);
        Write(files, seed);
        File.WriteAllText(done, stamp);
        return files;
    }

    private static void Write(SsbFiles files, int seed)
    {
        var sf = files.ScaleFactor;
        WriteDate(files.Date);
        WriteGeography(files.Customer, "c", CustomerCount(sf), seed + 1, withSegment: true);
        WriteGeography(files.Supplier, "s", SupplierCount(sf), seed + 2, withSegment: false);
        WritePart(files.Part, PartCount(sf), seed + 3);
        WriteLineOrder(files.LineOrder, sf, seed + 4);
    }

    /// <summary>The retail price of a part in cents, TPC-H's formula.</summary>
    private static int RetailPrice(int partKey) => 90_000 + partKey / 10 % 20_001 + 100 * (partKey % 1_000);

    private static void WriteDate(string path)
    {
        var days = s_last.DayNumber - s_first.DayNumber + 1;
        var columns = new Columns(days);
        var key = columns.Int("d_datekey"); var date = columns.Text("d_date"); var dayOfWeek = columns.Text("d_dayofweek");
        var month = columns.Text("d_month"); var year = columns.Int("d_year"); var yearMonthNum = columns.Int("d_yearmonthnum");
        var yearMonth = columns.Text("d_yearmonth"); var dayInWeek = columns.Int("d_daynuminweek"); var dayInMonth = columns.Int("d_daynuminmonth");
        var dayInYear = columns.Int("d_daynuminyear"); var monthInYear = columns.Int("d_monthnuminyear"); var week = columns.Int("d_weeknuminyear");
        var season = columns.Text("d_sellingseason"); var holiday = columns.Int("d_holidayfl"); var weekday = columns.Int("d_weekdayfl");
        for (var i = 0; i < days; i++)
        {
            var d = DateOnly.FromDayNumber(s_first.DayNumber + i);
            key[i] = d.Year * 10_000 + d.Month * 100 + d.Day;
            date[i] = $"{s_months[d.Month - 1]} {d.Day}, {d.Year}";
            dayOfWeek[i] = s_days[(int)d.DayOfWeek];
            month[i] = s_months[d.Month - 1];
            year[i] = d.Year;
            yearMonthNum[i] = d.Year * 100 + d.Month;
            yearMonth[i] = s_months[d.Month - 1][..3] + d.Year;
            dayInWeek[i] = (int)d.DayOfWeek + 1;
            dayInMonth[i] = d.Day;
            dayInYear[i] = d.DayOfYear;
            monthInYear[i] = d.Month;
            week[i] = (d.DayOfYear - 1) / 7 + 1;
            season[i] = d.Month switch { 12 or 1 => "Christmas", 6 or 7 or 8 => "Summer", 3 or 4 or 5 => "Spring", _ => "Winter" };
            holiday[i] = d.Month == 12 && d.Day == 25 || d.Month == 1 && d.Day == 1 ? 1 : 0;
            weekday[i] = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }
        columns.Write(path);
    }

    private static void WriteGeography(string path, string prefix, int count, int seed, bool withSegment)
    {
        var random = new Random(seed);
        var columns = new Columns(count);
        var key = columns.Int($"{prefix}_{(prefix == "c" ? "custkey" : "suppkey")}"); var name = columns.Text($"{prefix}_name");
        var address = columns.Text($"{prefix}_address"); var city = columns.Text($"{prefix}_city"); var nation = columns.Text($"{prefix}_nation");
        var region = columns.Text($"{prefix}_region"); var phone = columns.Text($"{prefix}_phone");
        var segment = withSegment ? columns.Text("c_mktsegment") : null;
        for (var i = 0; i < count; i++)
        {
            var n = random.Next(s_nations.Length);
            key[i] = i + 1;
            name[i] = $"{(prefix == "c" ? "Customer" : "Supplier")}#{i + 1:D9}";
            address[i] = $"addr{random.Next(1_000_000):D6}";
            city[i] = City(s_nations[n].Nation, random.Next(10));
            nation[i] = s_nations[n].Nation;
            region[i] = s_nations[n].Region;
            phone[i] = $"{n + 10}-{random.Next(100, 1000)}-{random.Next(100, 1000)}-{random.Next(1000, 10_000)}";
            if (segment is not null) segment[i] = s_segments[random.Next(s_segments.Length)];
        }
        columns.Write(path);
    }

    private static void WritePart(string path, int count, int seed)
    {
        var random = new Random(seed);
        var columns = new Columns(count);
        var key = columns.Int("p_partkey"); var name = columns.Text("p_name"); var mfgr = columns.Text("p_mfgr");
        var category = columns.Text("p_category"); var brand = columns.Text("p_brand1"); var color = columns.Text("p_color");
        var type = columns.Text("p_type"); var size = columns.Int("p_size"); var container = columns.Text("p_container");
        for (var i = 0; i < count; i++)
        {
            var (m, c, b) = (random.Next(1, 6), random.Next(1, 6), random.Next(1, 41));
            key[i] = i + 1;
            color[i] = s_colors[random.Next(s_colors.Length)];
            name[i] = color[i] + " " + s_colors[random.Next(s_colors.Length)];
            mfgr[i] = $"MFGR#{m}";
            category[i] = $"MFGR#{m}{c}";
            brand[i] = $"MFGR#{m}{c}{b}";
            type[i] = $"{s_typeWords1[random.Next(s_typeWords1.Length)]} {s_typeWords2[random.Next(s_typeWords2.Length)]} {s_typeWords3[random.Next(s_typeWords3.Length)]}";
            size[i] = random.Next(1, 51);
            container[i] = $"{s_containers1[random.Next(s_containers1.Length)]} {s_containers2[random.Next(s_containers2.Length)]}";
        }
        columns.Write(path);
    }

    private static void WriteLineOrder(string path, double sf, int seed)
    {
        var (orders, customers, suppliers, parts) = (OrderCount(sf), CustomerCount(sf), SupplierCount(sf), PartCount(sf));
        var days = s_last.DayNumber - s_first.DayNumber + 1;
        using var stream = File.Create(path);
        ParquetWriter? writer = null;
        ParquetSchema? schema = null;
        try
        {
            for (long first = 0; first < orders; first += OrdersPerBlock)
            {
                var random = new Random(HashCode.Combine(seed, first));
                var blockOrders = (int)Math.Min(OrdersPerBlock, orders - first);
                var lines = new int[blockOrders];
                for (var o = 0; o < blockOrders; o++) lines[o] = random.Next(1, 8);
                var columns = new Columns(lines.Sum());
                var orderKey = columns.Int("lo_orderkey"); var lineNumber = columns.Int("lo_linenumber"); var custKey = columns.Int("lo_custkey");
                var partKey = columns.Int("lo_partkey"); var suppKey = columns.Int("lo_suppkey"); var orderDate = columns.Int("lo_orderdate");
                var priority = columns.Text("lo_orderpriority"); var shipPriority = columns.Int("lo_shippriority"); var quantity = columns.Int("lo_quantity");
                var extendedPrice = columns.Int("lo_extendedprice"); var totalPrice = columns.Int("lo_ordtotalprice"); var discount = columns.Int("lo_discount");
                var revenue = columns.Int("lo_revenue"); var supplyCost = columns.Int("lo_supplycost"); var tax = columns.Int("lo_tax");
                var commitDate = columns.Int("lo_commitdate"); var shipMode = columns.Text("lo_shipmode");
                var row = 0;
                for (var o = 0; o < blockOrders; o++)
                {
                    var date = DateOnly.FromDayNumber(s_first.DayNumber + random.Next(days));
                    var (customer, orderPriority, start) = (random.Next(1, customers + 1), s_priorities[random.Next(s_priorities.Length)], row);
                    var total = 0;
                    for (var l = 0; l < lines[o]; l++, row++)
                    {
                        orderKey[row] = (int)(first + o + 1);
                        lineNumber[row] = l + 1;
                        custKey[row] = customer;
                        partKey[row] = random.Next(1, parts + 1);
                        suppKey[row] = random.Next(1, suppliers + 1);
                        orderDate[row] = DateKey(date);
                        priority[row] = orderPriority;
                        quantity[row] = random.Next(1, 51);
                        discount[row] = random.Next(0, 11);
                        tax[row] = random.Next(0, 9);
                        var price = RetailPrice(partKey[row]);
                        extendedPrice[row] = quantity[row] * price;
                        revenue[row] = (int)((long)extendedPrice[row] * (100 - discount[row]) / 100);
                        supplyCost[row] = price * 6 / 10;
                        commitDate[row] = DateKey(date.AddDays(random.Next(30, 91)));
                        shipMode[row] = s_shipModes[random.Next(s_shipModes.Length)];
                        total += revenue[row];
                    }
                    for (var r = start; r < row; r++) totalPrice[r] = total;
                }
                // Every block's columns are written against the first block's schema: a field belongs to one.
                schema ??= columns.Schema;
                writer ??= ParquetWriter.CreateAsync(schema, stream, Columns.Options(schema)).GetAwaiter().GetResult();
                columns.WriteRowGroup(writer, schema);
            }
        }
        finally
        {
            writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int DateKey(DateOnly d) => d.Year * 10_000 + d.Month * 100 + d.Day;

    /// <summary>A table's columns as arrays, written as one Parquet row group.</summary>
    private sealed class Columns(int rows)
    {
        private readonly List<(DataField Field, Func<ParquetRowGroupWriter, DataField, Task> Write)> _columns = [];

        /// <summary>
        /// Text columns dictionary-encoded, as DuckDB, Spark and Arrow write columns of few distinct
        /// values (Parquet.Net writes them plain unless told).
        /// </summary>
        public static ParquetOptions Options(ParquetSchema schema)
        {
            var options = new ParquetOptions();
            foreach (var field in schema.DataFields.Where(f => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>))) options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
            return options;
        }

        /// <summary>A schema of the columns' fields (made once per file).</summary>
        public ParquetSchema Schema => new([.. _columns.Select(c => c.Field)]);

        public int[] Int(string name)
        {
            var values = new int[rows];
            _columns.Add((new DataField<int>(name), (group, field) => group.WriteAsync(field, new ReadOnlyMemory<int>(values))));
            return values;
        }

        public string[] Text(string name)
        {
            var values = new string[rows];
            _columns.Add((new DataField<string>(name, false), (group, field) => group.WriteAsync(field, values)));
            return values;
        }

        public void Write(string path)
        {
            using var stream = File.Create(path);
            var schema = Schema;
            var writer = ParquetWriter.CreateAsync(schema, stream, Columns.Options(schema)).GetAwaiter().GetResult();
            try
            {
                WriteRowGroup(writer, schema);
            }
            finally
            {
                writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        public void WriteRowGroup(ParquetWriter writer, ParquetSchema schema)
        {
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < _columns.Count; c++) _columns[c].Write(group, schema.DataFields[c]).GetAwaiter().GetResult();
        }
    }
}
