namespace Cuboid;

/// <summary>The roles Cuboid itself knows, as Atoti names them.</summary>
public static class Roles
{
    /// <summary>May use the web app and the API.</summary>
    public const string User = "ROLE_USER";

    /// <summary>May manage security and all user content.</summary>
    public const string Admin = "ROLE_ADMIN";
}
