using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// ClickHouse over its HTTP interface: the statement is the request body and answers in
/// TabSeparatedWithNamesAndTypes. The .NET driver needs a server of 2024 or later; this speaks to
/// 18.16 onwards. <c>wait_end_of_query=1</c> makes a failure mid-query an HTTP error, not a
/// truncated answer; <c>join_use_nulls=1</c> gives NULL for a row a LEFT JOIN did not match.
/// </summary>
internal sealed class ClickHouseClient : SqlClient
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public ClickHouseClient(Dialects.SqlDialect dialect, ClickHouseConnectionInfo info)
        : base(dialect, $"ClickHouse database '{info.Database}' at {info.Url.Authority}")
    {
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Add("X-ClickHouse-User", info.User);
        if (info.Password.Length > 0) _http.DefaultRequestHeaders.Add("X-ClickHouse-Key", info.Password);
        _endpoint = new Uri(info.Url, $"/?database={Uri.EscapeDataString(info.Database)}&wait_end_of_query=1&join_use_nulls=1");
    }

    protected override void Run(SqlStatement statement, Action<object?[]> row, CancellationToken cancellation)
    {
        if (statement.Parameters.Count > 0) throw new InvalidOperationException("ClickHouse statements carry their values as literals.");
        try
        {
            var queryId = Guid.NewGuid().ToString("N");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint + "&query_id=" + queryId))
            {
                Content = new StringContent(statement.Text + "\nFORMAT TabSeparatedWithNamesAndTypes", Encoding.UTF8, new MediaTypeHeaderValue("text/plain")),
            };
            // Closing the connection does not stop the query on the server: a cancelled one is killed there.
            using var kill = cancellation.Register(() => _ = Kill(queryId));
            using var response = _http.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            using var stream = response.Content.ReadAsStream(cancellation);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExternalDatabaseException($"{Description} failed (HTTP {(int)response.StatusCode}): {FirstLine(reader.ReadToEnd())}");
            }
            var names = reader.ReadLine();
            var types = reader.ReadLine()?.Split('\t');
            if (names is null || types is null) return;
            var parsers = types.Select(ClickHouseTypes.Parser).ToArray();
            var values = new object?[types.Length];
            var fields = new string[types.Length];
            while (reader.ReadLine() is { } line)
            {
                cancellation.ThrowIfCancellationRequested();
                if (line.StartsWith("Code: ", StringComparison.Ordinal)) throw new ExternalDatabaseException($"{Description} failed: {FirstLine(line)}");
                Split(line, fields);
                for (var i = 0; i < values.Length; i++) values[i] = fields[i] == "\\N" ? null : parsers[i](Unescape(fields[i]));
                row(values);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or FormatException or ExternalDatabaseException)
        {
            throw Failure(e, cancellation);
        }
    }

    private async Task Kill(string queryId)
    {
        try
        {
            using var content = new StringContent($"KILL QUERY WHERE query_id = '{queryId}' ASYNC", Encoding.UTF8);
            using var response = await _http.PostAsync(_endpoint, content).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The query ends with the server, or on its own.
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].Trim();
        return line.Length > 500 ? line[..500] + "…" : line;
    }

    private void Split(string line, string[] fields)
    {
        var start = 0;
        for (var i = 0; i < fields.Length; i++)
        {
            var end = i == fields.Length - 1 ? line.Length : line.IndexOf('\t', start);
            if (end < 0) throw new FormatException($"{Description} sent a row of fewer than {fields.Length} fields.");
            fields[i] = line[start..end];
            start = end + 1;
        }
    }

    /// <summary>TabSeparated escapes: \t \n \r \\ \' \0 \b \f.</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal)) return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i == field.Length - 1)
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(field[++i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', '0' => '\0', 'b' => '\b', 'f' => '\f', var c => c });
        }
        return text.ToString();
    }

    protected override void Close() => _http.Dispose();
}

/// <summary>ClickHouse type names: what a value of each reads as, and the Cuboid type of a column.</summary>
internal static class ClickHouseTypes
{
    public static string Inner(string type)
    {
        foreach (var wrapper in new[] { "Nullable(", "LowCardinality(" })
        {
            if (type.StartsWith(wrapper, StringComparison.Ordinal) && type.EndsWith(')')) return Inner(type[wrapper.Length..^1]);
        }
        return type;
    }

    public static Func<string, object?> Parser(string type)
    {
        var inv = CultureInfo.InvariantCulture;
        var inner = Inner(type);
        return inner switch
        {
            "Int8" or "Int16" or "Int32" or "UInt8" or "UInt16" => s => int.Parse(s, inv),
            "Int64" or "UInt32" => s => long.Parse(s, inv),
            "UInt64" => s => ulong.Parse(s, inv) is var u && u <= long.MaxValue ? (long)u : (double)u,
            "Float32" or "Float64" => s => s switch { "nan" => double.NaN, "inf" or "+inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.Parse(s, inv) },
            // Zero (1970-01-01, its default) prints as zeros.
            "Date" => s => s == "0000-00-00" ? DateOnly.FromDateTime(DateTime.UnixEpoch) : DateOnly.ParseExact(s, "yyyy-MM-dd", inv),
            _ when inner.StartsWith("DateTime", StringComparison.Ordinal) => s => s == "0000-00-00 00:00:00" ? DateTime.UnixEpoch : DateTime.ParseExact(s, "yyyy-MM-dd HH:mm:ss", inv),
            _ when inner.StartsWith("Decimal", StringComparison.Ordinal) => s => decimal.TryParse(s, NumberStyles.Float, inv, out var d) ? d : double.Parse(s, inv),
            _ => s => s,
        };
    }

    public static DataType? DataTypeOf(string type) => Inner(type) switch
    {
        "Int8" or "Int16" or "Int32" or "UInt8" or "UInt16" => DataType.Int,
        "Int64" or "UInt32" or "UInt64" => DataType.Long,
        "Float32" => DataType.Float,
        "Float64" => DataType.Double,
        "Date" => DataType.LocalDate,
        "String" or "UUID" => DataType.String,
        var t when t.StartsWith("FixedString", StringComparison.Ordinal) || t.StartsWith("Enum", StringComparison.Ordinal) => DataType.String,
        var t when t.StartsWith("DateTime", StringComparison.Ordinal) => DataType.LocalDateTime,
        var t when t.StartsWith("Decimal", StringComparison.Ordinal) => DataType.Double,
        _ => null,
    };
}
