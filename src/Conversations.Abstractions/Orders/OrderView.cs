namespace Conversations.Abstractions.Orders;

/// <summary>An order as the owning customer, their agent or an admin sees it: the document, its logistics and its cases.</summary>
public sealed record OrderView(
    string OrderId,
    OrderDocument Order,
    IReadOnlyList<LogisticsEvent> Logistics,
    IReadOnlyList<AfterSalesCase> Cases,
    DateTimeOffset UpdatedAt);
