namespace Conversations.Server.Auth;

/// <summary>Answer of <c>POST /api/dev/tokens</c>.</summary>
public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
