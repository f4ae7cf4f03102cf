namespace Conversations.Abstractions.Orders;

/// <summary>What the shop gives for a failure on its side (e.g. a no-threshold coupon for a late delivery).</summary>
public sealed record Compensation(string Kind, decimal Amount, string Currency, string Reason);
