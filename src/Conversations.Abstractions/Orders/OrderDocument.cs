namespace Conversations.Abstractions.Orders;

/// <summary>An order as the shop's systems import it (<c>PUT /api/orders/{orderId}</c>).</summary>
public sealed record OrderDocument(
    string CustomerId,
    string Status,
    IReadOnlyList<OrderItem> Items,
    decimal Amount,
    string Currency,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt,
    string? Carrier,
    string? TrackingNo,
    DateTimeOffset? PromisedShipBy,
    DateTimeOffset? PromisedDeliveryBy,
    OrderAddress Address);
