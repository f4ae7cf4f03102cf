using Conversations.Abstractions.Orders;

namespace Conversations.Server.Demo;

// The shapes of src/Conversations.Bot/Data/demo/*.json, with times still as written (offsets or ISO).

/// <summary>A demo order as the file writes it.</summary>
public sealed record DemoOrder(
    string OrderId,
    string CustomerId,
    string Status,
    IReadOnlyList<OrderItem> Items,
    decimal Amount,
    string Currency,
    string? PaidAt,
    string? ShippedAt,
    string? DeliveredAt,
    string? Carrier,
    string? TrackingNo,
    string? PromisedShipBy,
    string? PromisedDeliveryBy,
    OrderAddress Address,
    IReadOnlyList<DemoLogisticsEvent>? Logistics);

/// <summary>A carrier scan of a demo order.</summary>
public sealed record DemoLogisticsEvent(string At, string Status, string? Location, string Description);

/// <summary>A demo customer.</summary>
public sealed record DemoCustomer(string CustomerId, string Name, string Tier, string Language);

/// <summary>A demo agent.</summary>
public sealed record DemoAgent(string AgentId, string Name, IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity);
