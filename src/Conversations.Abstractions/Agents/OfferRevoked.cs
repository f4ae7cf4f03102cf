namespace Conversations.Abstractions.Agents;

/// <summary>An offer withdrawn from an agent: expired, taken elsewhere, or the customer left.</summary>
public sealed record OfferRevoked(string OfferId, string Reason);
