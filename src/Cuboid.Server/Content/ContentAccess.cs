using System.Security.Claims;
using Cuboid.Server.Security;

namespace Cuboid.Server.Content;

/// <summary>
/// Who may do what with an item once the session has authentication: its owner everything; an admin everything;
/// users it is shared with (by role or by name) read it; an item without owner (saved by the application, or before
/// authentication) is read by every user and changed by admins. Without authentication everybody may do everything.
/// </summary>
internal static class ContentAccess
{
    public static bool CanRead(Session session, ClaimsPrincipal user, ContentSummary item) =>
        !session.Enabled() || CanChange(session, user, item) || item.Owner is null
        || item.SharedWith.Users.Contains(user.Identity?.Name ?? "", StringComparer.Ordinal)
        || item.SharedWith.Roles.Any(user.IsInRole);

    public static bool CanChange(Session session, ClaimsPrincipal user, ContentSummary item) =>
        !session.Enabled() || user.IsInRole(Roles.Admin) || item.Owner is not null && item.Owner == user.Identity?.Name;

    /// <summary>The owner of an item a user creates: the user, when the session knows users.</summary>
    public static string? OwnerFor(Session session, ClaimsPrincipal user) => session.Enabled() ? user.Identity?.Name : null;
}
