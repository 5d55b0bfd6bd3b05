using System.Data.Common;

namespace Cuboid.DirectQuery.Sql;

/// <summary>
/// Runs statements on one database and streams their rows. Every failure becomes an
/// <see cref="ExternalDatabaseException"/> naming the database (never the bound values).
/// </summary>
internal abstract class SqlClient : IDisposable
{
    protected SqlClient(Dialects.SqlDialect dialect, string description)
    {
        Dialect = dialect;
        Description = description;
    }

    public Dialects.SqlDialect Dialect { get; }

    /// <summary>"PostgreSQL database 'shop' at 127.0.0.1:5432": for errors and explain plans.</summary>
    public string Description { get; }

    /// <summary>Calls <paramref name="row"/> with each row's values (the same array, refilled); cancelled by <paramref name="cancellation"/>.</summary>
    public void Read(SqlStatement statement, Action<object?[]> row, CancellationToken cancellation)
    {
        Sent?.Invoke(statement);
        Run(statement, row, cancellation);
    }

    /// <summary>Sees each statement before it is sent (the benchmarks replay them against the database directly).</summary>
    public Action<SqlStatement>? Sent { get; set; }

    protected abstract void Run(SqlStatement statement, Action<object?[]> row, CancellationToken cancellation);

    public List<object?[]> Rows(SqlStatement statement, CancellationToken cancellation = default)
    {
        var rows = new List<object?[]>();
        Read(statement, r => rows.Add((object?[])r.Clone()), cancellation);
        return rows;
    }

    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connections (a data source, an HTTP client).</summary>
    protected virtual void Close()
    {
    }

    /// <summary>A cancelled statement (a time limit, or the caller) is an OperationCanceledException, which queries report as such; any other failure names the database.</summary>
    protected Exception Failure(Exception e, CancellationToken cancellation) =>
        cancellation.IsCancellationRequested
            ? new OperationCanceledException($"The statement sent to {Description} was cancelled.", e, cancellation)
            : e as ExternalDatabaseException ?? new ExternalDatabaseException($"{Description} failed: {e.Message}", e);
}

/// <summary>A client over an ADO.NET provider (Npgsql, DuckDB.NET): a pooled connection per statement, positional parameters.</summary>
internal sealed class AdoClient(Dialects.SqlDialect dialect, string description, Func<DbConnection> connect, IDisposable? owner = null) : SqlClient(dialect, description)
{
    protected override void Run(SqlStatement statement, Action<object?[]> row, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        try
        {
            using var connection = connect();
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = statement.Text;
            command.CommandTimeout = 0;   // deadlines come as cancellation, which cancels the command
            foreach (var value in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            using var registration = cancellation.Register(() =>
            {
                try { command.Cancel(); }
                catch (DbException) { }
                catch (InvalidOperationException) { }
                catch (NotSupportedException) { }
            });
            using var reader = command.ExecuteReader();
            var values = new object?[reader.FieldCount];
            while (reader.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : Value(reader, i);
                row(values);
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            throw Failure(e, cancellation);
        }
    }

    /// <summary>A value too large for a decimal (a DECIMAL(38) sum) or a HUGEINT reads as a double.</summary>
    private static object Value(DbDataReader reader, int i)
    {
        try
        {
            return reader.GetValue(i);
        }
        catch (OverflowException)
        {
            return reader.GetDouble(i);
        }
    }

    protected override void Close() => owner?.Dispose();
}
