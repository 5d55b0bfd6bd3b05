using System.Runtime.CompilerServices;
using Cuboid.Storage;
using nietras.SeparatedValues;

namespace Cuboid.Loading;

/// <summary>
/// Parses one Sep row into a batch: numbers with Sep's fast parsers, everything else through
/// <see cref="TextParser"/>. The per-column kind is decided once, so the row loop is a switch
/// and a typed append, with no boxing.
/// </summary>
internal sealed class CsvRowParser
{
    private enum Kind { Int, Long, Double, Float, Other }

    private readonly TableStore _table;
    private readonly int[] _map;
    private readonly Kind[] _kinds;
    private readonly bool[] _isKey;
    private readonly TextParser _parser;
    private readonly bool _fastNumbers;

    public CsvRowParser(TableStore table, int[] map, TextParser parser, CsvOptions options)
    {
        _table = table;
        _map = map;
        Options = options;
        _parser = parser;
        _kinds = [.. table.Columns.Select(c => c.Type switch
        {
            DataType.Int => Kind.Int,
            DataType.Long => Kind.Long,
            DataType.Double => Kind.Double,
            DataType.Float => Kind.Float,
            _ => Kind.Other,
        })];
        _isKey = [.. table.Columns.Select(c => table.Keys.Contains(c.Name))];
        // Sep parses invariant numbers fast; other cultures and null words go through TextParser.
        _fastNumbers = (options.Culture is null || Equals(options.Culture, System.Globalization.CultureInfo.InvariantCulture)) && options.NullValues is not { Count: > 0 };
    }

    public IReadOnlyList<ColumnSchema> TableColumns => _table.Columns;

    /// <summary>Packs a full batch in the worker that parsed it, when the table packs its columns (<see cref="RowBatch.Pack"/>).</summary>
    public void Complete(RowBatch batch)
    {
        if (_table.Pack) batch.Pack();
    }

    public CsvOptions Options { get; }

    /// <summary>Adds the row to <paramref name="batch"/>; on a bad value, rolls the row back and returns the reason.</summary>
    public (string Column, string Reason)? TryAdd(SepReader.Row row, RowBatch batch)
    {
        var columns = batch.Columns;
        var count = batch.Count;
        for (var t = 0; t < _map.Length; t++)
        {
            var span = row[_map[t]].Span;
            var builder = columns[t];
            if (span.IsEmpty)
            {
                if (_isKey[t]) return Reject(batch, count, t, $"the key column '{_table.Columns[t].Name}' is empty");
                builder.AddNull();
                continue;
            }
            bool ok;
            switch (_fastNumbers ? _kinds[t] : Kind.Other)
            {
                case Kind.Int:
                    ok = int.TryParse(span, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var i);
                    if (ok) Unsafe.As<PrimitiveBuilder<int>>(builder).Add(i);
                    break;
                case Kind.Long:
                    ok = long.TryParse(span, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l);
                    if (ok) Unsafe.As<PrimitiveBuilder<long>>(builder).Add(l);
                    break;
                case Kind.Double:
                    ok = row[_map[t]].TryParse(out double d);
                    if (ok) Unsafe.As<PrimitiveBuilder<double>>(builder).Add(d);
                    break;
                case Kind.Float:
                    ok = row[_map[t]].TryParse(out float f);
                    if (ok) Unsafe.As<PrimitiveBuilder<float>>(builder).Add(f);
                    break;
                default:
                    if (_isKey[t] && _parser.IsNullText(span)) return Reject(batch, count, t, $"the key column '{_table.Columns[t].Name}' is empty");
                    ok = builder.TryAddText(span, _parser);
                    break;
            }
            // The fast parsers are stricter than TextParser, which type inference uses (" 1", "2.5 "):
            // what inference accepted must load, so a fast-path miss gets a second chance there.
            if (!ok && _kinds[t] != Kind.Other && _fastNumbers) ok = builder.TryAddText(span, _parser);
            if (!ok) return Reject(batch, count, t, $"'{span}' is not a valid {_table.Columns[t].Type}");
        }
        return null;
    }

    private (string, string) Reject(RowBatch batch, int count, int column, string reason)
    {
        batch.Truncate(count);
        return (_table.Columns[column].Name, reason);
    }
}
