namespace Conversations.Server.Auth;

/// <summary>Body of <c>POST /api/dev/tokens</c>: who the token is for.</summary>
public sealed record DevTokenRequest(string? Role, string? Id);
