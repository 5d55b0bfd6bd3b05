namespace Cuboid;

/// <summary>The <c>SameSite</c> attribute of the session's cookies: Lax (the default), Strict, or None (which needs HTTPS).</summary>
public enum SameSite
{
    /// <summary>Cookies go with top-level navigations from other sites, not with their requests.</summary>
    Lax,

    /// <summary>Cookies never go with a request started by another site.</summary>
    Strict,

    /// <summary>Cookies go with every request (HTTPS only), for a session embedded in another site.</summary>
    None,
}
