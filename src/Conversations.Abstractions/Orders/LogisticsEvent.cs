namespace Conversations.Abstractions.Orders;

/// <summary>One carrier scan or status change (<c>POST /api/orders/{id}/logistics</c>).</summary>
public sealed record LogisticsEvent(DateTimeOffset At, string Status, string? Location, string Description);
