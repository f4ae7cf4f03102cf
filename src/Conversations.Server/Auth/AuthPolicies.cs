namespace Conversations.Server.Auth;

/// <summary>Names of the authorization policies (one per role, plus any signed-in caller).</summary>
public static class AuthPolicies
{
    public const string Customer = "customer";
    public const string Agent = "agent";
    public const string Admin = "admin";
    public const string AnyRole = "any";
}
