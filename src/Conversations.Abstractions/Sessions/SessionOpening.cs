namespace Conversations.Abstractions.Sessions;

/// <summary>What a new session starts with (sent by the customer's grain).</summary>
public sealed record SessionOpening(string CustomerId, string Channel, string Language, string Tier, string? OrderId);
