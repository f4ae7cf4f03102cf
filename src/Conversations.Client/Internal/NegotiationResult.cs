namespace Conversations.Client.Internal;

/// <summary>Where and how to open the WebSocket after negotiation, redirects followed.</summary>
internal sealed record NegotiationResult(Uri HubUrl, string? AccessToken, string? ConnectionId, string ConnectionToken);
