using Conversations.Abstractions.Sessions;

namespace Conversations.Abstractions.Agents;

/// <summary>A conversation offered to an agent, who accepts or declines before <see cref="ExpiresAt"/> (PROTOCOL.md <c>Offer</c>).</summary>
public sealed record Offer(string OfferId, string SessionId, string Queue, int Priority, DateTimeOffset ExpiresAt, HandoffSummary Summary);
