using System.Net;
using System.Threading.RateLimiting;

namespace Cuboid.Server.Security;

/// <summary>Too many failed logins from this user or address: refused without checking the password (429).</summary>
internal sealed class TooManyLoginsException(TimeSpan retryAfter) : Exception("Too many failed logins.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Counts failed logins per user name and per client address (ASP.NET Core's rate limiters, a fixed window each):
/// after <see cref="Failures"/> within <see cref="Window"/>, that name — from any address — and that address — for any
/// name — are refused until the window ends, so that passwords cannot be guessed faster than that.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    public const int Failures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = Failures, Window = Window, QueueLimit = 0 }));

    /// <summary>Throws <see cref="TooManyLoginsException"/> when the user or the address has failed too often lately.</summary>
    public void Check(string user, IPAddress? address)
    {
        if (Exhausted(UserKey(user)) || Exhausted(AddressKey(address))) throw new TooManyLoginsException(Window);
    }

    public void Failed(string user, IPAddress? address)
    {
        _failures.AttemptAcquire(UserKey(user)).Dispose();
        _failures.AttemptAcquire(AddressKey(address)).Dispose();
    }

    private bool Exhausted(string key) => _failures.GetStatistics(key) is { CurrentAvailablePermits: 0 };

    private static string UserKey(string user) => "user:" + user;

    private static string AddressKey(IPAddress? address) => "address:" + address;

    public void Dispose() => _failures.Dispose();
}
