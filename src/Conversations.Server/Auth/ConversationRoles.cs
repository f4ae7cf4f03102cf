namespace Conversations.Server.Auth;

/// <summary>The <c>role</c> claim's values, and the claim names the server reads.</summary>
public static class ConversationRoles
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string Admin = "admin";

    /// <summary>Claim holding the caller's id (customer, agent or admin id).</summary>
    public const string SubjectClaim = "sub";

    public const string RoleClaim = "role";

    /// <summary>Claim holding the token's expiry (seconds since the Unix epoch), checked again on every hub call.</summary>
    public const string ExpiresClaim = "exp";

    public static bool IsKnown(string? role) => role is Customer or Agent or Admin;
}
