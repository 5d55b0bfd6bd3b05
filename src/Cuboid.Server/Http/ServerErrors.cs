namespace Cuboid.Server.Http;

/// <summary>
/// Unexpected exceptions (a bug, or a custom endpoint's own failure): logged under an id that the
/// client gets instead of the exception's message, which may hold a data value or a secret (a
/// connection string with its password). The log keeps the type and where it was thrown.
/// </summary>
internal static class ServerErrors
{
    public static string Record(Session session, Exception error, string where)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        session.Log.Write($"error {id} in {where}: {error.GetType().FullName}{Environment.NewLine}{error.StackTrace}");
        return id;
    }

    /// <summary>What the client is told of an unexpected error.</summary>
    public static string Message(string id) => $"An internal error occurred (error id {id}); the session's log has its details.";
}
