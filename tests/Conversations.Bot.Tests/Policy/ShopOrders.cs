using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Tests.Policy;

/// <summary>Order documents for the policy tests, dated relative to the cluster's clock.</summary>
public static class ShopOrders
{
    public const string Recipient = "王晓雯";
    public const string Phone = "13900001001";
    public const string Street = "浦东新区张杨路 1288 弄 6 号 1502 室";
    public const string TeeSku = "LM-AP-TS1001-WHT-M";
    public const string JeansSku = "LM-AP-JN2104-BLU-27";

    public static OrderDocument Pending(string customerId) => new(
        customerId, OrderStatuses.PendingPayment,
        [new OrderItem(TeeSku, "Cotton crew tee, white, M", 2, 99m), new OrderItem(JeansSku, "High-rise straight jeans, light blue, 27", 1, 299m)],
        497m, "CNY", null, null, null, null, null, null, null,
        new OrderAddress(Recipient, Phone, Street, "上海市", "CN"));

    public static OrderDocument Paid(string customerId, DateTimeOffset paidAt, DateTimeOffset? promisedShipBy = null) =>
        Pending(customerId) with { Status = OrderStatuses.Paid, PaidAt = paidAt, PromisedShipBy = promisedShipBy ?? paidAt.AddHours(48) };

    public static OrderDocument Shipped(string customerId, DateTimeOffset shippedAt, DateTimeOffset? promisedDeliveryBy = null) =>
        Paid(customerId, shippedAt.AddHours(-12), shippedAt.AddHours(12)) with
        {
            Status = OrderStatuses.Shipped,
            ShippedAt = shippedAt,
            Carrier = "YTO",
            TrackingNo = "YT7701234567801",
            PromisedDeliveryBy = promisedDeliveryBy ?? shippedAt.AddDays(3),
        };

    public static OrderDocument Delivered(string customerId, DateTimeOffset deliveredAt) =>
        Shipped(customerId, deliveredAt.AddDays(-2), deliveredAt.AddHours(6)) with
        {
            Status = OrderStatuses.Delivered,
            DeliveredAt = deliveredAt,
        };
}
