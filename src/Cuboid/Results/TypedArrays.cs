namespace Cuboid.Results;

/// <summary>Builds typed result arrays (<c>int?[]</c>, <c>string?[]</c>, …) from boxed member values.</summary>
internal static class TypedArrays
{
    public static Array Create(Type type, int length, Func<int, object?> valueAt)
    {
        if (type == typeof(string)) return Fill<string>(length, valueAt);
        if (type == typeof(int)) return FillValues<int>(length, valueAt);
        if (type == typeof(long)) return FillValues<long>(length, valueAt);
        if (type == typeof(double)) return FillValues<double>(length, valueAt);
        if (type == typeof(float)) return FillValues<float>(length, valueAt);
        if (type == typeof(bool)) return FillValues<bool>(length, valueAt);
        if (type == typeof(DateOnly)) return FillValues<DateOnly>(length, valueAt);
        if (type == typeof(DateTime)) return FillValues<DateTime>(length, valueAt);
        if (type == typeof(TimeOnly)) return FillValues<TimeOnly>(length, valueAt);
        if (type == typeof(DateTimeOffset)) return FillValues<DateTimeOffset>(length, valueAt);
        var array = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, length);
        for (var i = 0; i < length; i++) array.SetValue(valueAt(i), i);
        return array;
    }

    private static T?[] Fill<T>(int length, Func<int, object?> valueAt) where T : class
    {
        var array = new T?[length];
        for (var i = 0; i < length; i++) array[i] = (T?)valueAt(i);
        return array;
    }

    private static T?[] FillValues<T>(int length, Func<int, object?> valueAt) where T : struct
    {
        var array = new T?[length];
        for (var i = 0; i < length; i++) array[i] = valueAt(i) is T value ? value : null;
        return array;
    }
}
