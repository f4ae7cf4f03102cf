namespace Conversations.Abstractions.Customers;

/// <summary>What the customer's grain remembers of one past session.</summary>
public sealed record SessionMemory(string SessionId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Intent, string? OrderId, string? Summary, string? Resolution);
