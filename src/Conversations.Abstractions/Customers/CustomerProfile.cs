namespace Conversations.Abstractions.Customers;

/// <summary>Who the customer is to the shop: name, tier, preferred language and the channels they used.</summary>
public sealed record CustomerProfile(string Name, string Tier, string Language, IReadOnlyList<string> Channels);
