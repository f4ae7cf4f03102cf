namespace Conversations.Abstractions.Orders;

/// <summary>A request to open an after-sales case: its type (<see cref="CaseTypes"/>), the problem (<see cref="CaseReasons"/>) and the items.</summary>
public sealed record OpenCaseRequest(string Type, string Reason, IReadOnlyList<string>? Skus = null, string? Note = null);
