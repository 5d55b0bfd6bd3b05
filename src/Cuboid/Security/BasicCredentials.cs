using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Cuboid;

/// <summary>
/// The users and passwords of Basic authentication. Passwords are kept only as salted PBKDF2-SHA256 hashes
/// (100,000 iterations) and compared in constant time; they are never logged or returned.
/// </summary>
public sealed class BasicCredentials
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Hashed once, so that checking an unknown user costs what checking a known one does (no timing oracle).
    private static readonly (byte[] Salt, byte[] Hash) s_decoy = Hash("decoy", RandomNumberGenerator.GetBytes(SaltBytes));

    private readonly ConcurrentDictionary<string, (byte[] Salt, byte[] Hash)> _users = new(StringComparer.Ordinal);

    /// <summary>The users, in no particular order.</summary>
    public IReadOnlyCollection<string> Users => [.. _users.Keys];

    /// <summary>Whether <paramref name="user"/> is one of the users.</summary>
    public bool Contains(string user) => _users.ContainsKey(user);

    /// <summary>Adds a user, or changes the password of one.</summary>
    public void Set(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentException.ThrowIfNullOrEmpty(password);
        if (user.Contains(':', StringComparison.Ordinal)) throw new ArgumentException("A Basic user name cannot contain ':'.", nameof(user));
        _users[user] = Hash(password, RandomNumberGenerator.GetBytes(SaltBytes));
    }

    /// <summary>Adds a user; fails when the user exists.</summary>
    public void Add(string user, string password)
    {
        if (Contains(user)) throw new ArgumentException($"The user '{user}' exists already; Set changes a password.", nameof(user));
        Set(user, password);
    }

    /// <summary>Removes a user; false when there was none of that name.</summary>
    public bool Remove(string user) => _users.TryRemove(user, out _);

    /// <summary>Whether <paramref name="password"/> is <paramref name="user"/>'s.</summary>
    public bool Verify(string user, string password)
    {
        var known = _users.TryGetValue(user, out var stored);
        var (salt, hash) = known ? stored : s_decoy;
        return CryptographicOperations.FixedTimeEquals(Hash(password, salt).Hash, hash) && known;
    }

    private static (byte[] Salt, byte[] Hash) Hash(string password, byte[] salt) =>
        (salt, Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes));
}
