namespace Conversations.Bot.Policy;

/// <summary>
/// The order shown in an <c>order_card</c> event (<c>data.order</c>): status, items, carrier and the last
/// carrier scan. The recipient's name, phone and address are masked: the card is for recognising the
/// order, not for reading personal data back.
/// </summary>
public sealed record OrderCard(
    string OrderId,
    string Status,
    string StatusText,
    IReadOnlyList<OrderCardItem> Items,
    decimal Amount,
    string Currency,
    string? Carrier,
    string? TrackingNo,
    OrderCardEvent? LastEvent,
    DateTimeOffset? PaidAt,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? PromisedShipBy,
    DateTimeOffset? PromisedDeliveryBy,
    OrderCardRecipient Recipient);

/// <summary>One line of an <see cref="OrderCard"/>.</summary>
public sealed record OrderCardItem(string Sku, string Name, int Quantity, decimal Price);

/// <summary>The latest carrier scan on an <see cref="OrderCard"/>; phone numbers in its description are masked.</summary>
public sealed record OrderCardEvent(DateTimeOffset At, string Status, string? Location, string Description);

/// <summary>Who an <see cref="OrderCard"/> ships to, masked ("王**", "139****1001", "上海市 浦东新区****").</summary>
public sealed record OrderCardRecipient(string Name, string Phone, string Address);
