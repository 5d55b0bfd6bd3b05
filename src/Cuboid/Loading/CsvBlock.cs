namespace Cuboid.Loading;

/// <summary>
/// Raw fields of up to one chunk of CSV rows, copied out of Sep's buffer by the reading thread so
/// that parsing values (the costly part) runs on other threads. Fields are stored back to back in
/// <see cref="Chars"/>; <see cref="Ends"/> holds where each field ends.
/// </summary>
internal sealed class CsvBlock(int index, int columns, int capacityRows)
{
    private char[] _chars = new char[capacityRows * columns * 8];

    public int Index { get; } = index;
    public int Columns { get; } = columns;
    public int[] Ends { get; } = new int[capacityRows * columns];
    public int[] Lines { get; } = new int[capacityRows];
    public int Rows { get; private set; }
    public int Length { get; private set; }
    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public ReadOnlySpan<char> Field(int row, int column)
    {
        var i = row * Columns + column;
        var start = i == 0 ? 0 : Ends[i - 1];
        return _chars.AsSpan(start, Ends[i] - start);
    }

    public void AddField(ReadOnlySpan<char> field, int fieldIndex)
    {
        if (Length + field.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + field.Length));
        field.CopyTo(_chars.AsSpan(Length));
        Length += field.Length;
        Ends[Rows * Columns + fieldIndex] = Length;
    }

    public void EndRow(int line) => Lines[Rows++] = line;

    public bool IsFull => Rows == Lines.Length;
}
