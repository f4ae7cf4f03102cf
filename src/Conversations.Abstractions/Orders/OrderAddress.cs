namespace Conversations.Abstractions.Orders;

/// <summary>Where an order ships; personal data, masked wherever it is not needed.</summary>
public sealed record OrderAddress(string Name, string Phone, string Line1, string? City = null, string? Country = null);
