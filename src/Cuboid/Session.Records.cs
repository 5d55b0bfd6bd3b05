using System.Reflection;
using Cuboid.Loading;

namespace Cuboid;

public sealed partial class Session
{
    /// <summary>
    /// Reads objects into a new table (Atoti's <c>read_pandas</c> of a list of records): a column per
    /// public property or field of <typeparamref name="T"/> whose type Cuboid stores (numbers,
    /// strings, booleans, dates and times, numeric arrays; nullable value types too), in declaration
    /// order. The table is named <see cref="LoadOptions.TableName"/>, <typeparamref name="T"/>'s name by default.
    /// </summary>
    public Table ReadRecords<T>(IEnumerable<T> rows, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= new RecordOptions();
        var types = new Dictionary<string, DataType>(StringComparer.Ordinal);
        foreach (var member in typeof(T).GetMembers(BindingFlags.Public | BindingFlags.Instance).Where(m => (m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0) || m is FieldInfo))
        {
            var clr = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
            if (TypeOfMember(Nullable.GetUnderlyingType(clr) ?? clr) is { } type) types[member.Name] = type;
        }
        if (types.Count == 0) throw new ArgumentException($"{typeof(T).Name} has no public property or field of a type Cuboid stores.", nameof(rows));
        types = WithGivenTypes(types, options, typeof(T).Name);
        return CreateAndLoad(options.TableName ?? typeof(T).Name, types, options, table => table.Load(RecordSource.Read(rows, table.Store, $"{typeof(T).Name} rows", options.Progress), options.ErrorHandling));
    }

    /// <summary>
    /// Reads a 2-D array into a new table (Atoti's <c>read_numpy</c>): row i of the table is row i of
    /// <paramref name="values"/>, with one column per name of <paramref name="columns"/>.
    /// </summary>
    public Table ReadArray<T>(T[,] values, IReadOnlyList<string> columns, RecordOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count != values.GetLength(1))
        {
            throw new ArgumentException($"The array has {values.GetLength(1)} columns; {columns.Count} names were given ({string.Join(", ", columns)}).", nameof(columns));
        }
        options ??= new RecordOptions();
        var type = TypeOfMember(typeof(T)) ?? throw new ArgumentException($"Cuboid cannot store values of type {typeof(T).Name}.", nameof(values));
        var types = WithGivenTypes(columns.ToDictionary(c => c, _ => type, StringComparer.Ordinal), options, "the array");
        return CreateAndLoad(options.TableName ?? "array", types, options,
            table => table.Load(ArraySource.Read(values, columns, table.Store, options.Progress), options.ErrorHandling));
    }

    private static DataType? TypeOfMember(Type clr) => clr switch
    {
        _ when clr == typeof(bool) => DataType.Boolean,
        _ when clr == typeof(int) || clr == typeof(short) || clr == typeof(byte) => DataType.Int,
        _ when clr == typeof(long) => DataType.Long,
        _ when clr == typeof(float) => DataType.Float,
        _ when clr == typeof(double) || clr == typeof(decimal) => DataType.Double,
        _ when clr == typeof(string) => DataType.String,
        _ when clr == typeof(DateOnly) => DataType.LocalDate,
        _ when clr == typeof(DateTime) => DataType.LocalDateTime,
        _ when clr == typeof(TimeOnly) => DataType.LocalTime,
        _ when clr == typeof(DateTimeOffset) => DataType.ZonedDateTime,
        _ when clr == typeof(int[]) => DataType.IntArray,
        _ when clr == typeof(long[]) => DataType.LongArray,
        _ when clr == typeof(float[]) => DataType.FloatArray,
        _ when clr == typeof(double[]) => DataType.DoubleArray,
        _ => null,
    };
}
