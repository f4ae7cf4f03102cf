using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Tests.Orders;

/// <summary>Order documents for tests, with dates relative to a given "now" (the fake clock's).</summary>
public static class TestOrders
{
    public const string ShirtSku = "LM-AP-TS1001-WHT-M";
    public const string JeansSku = "LM-AP-JN2104-BLU-27";

    private static int s_next;

    /// <summary>A fresh order id, so tests sharing a cluster never meet.</summary>
    public static string NewId() => $"20261111{Interlocked.Increment(ref s_next):D8}";

    public static OrderDocument Pending(string customerId) => new(
        customerId, OrderStatuses.PendingPayment,
        [new OrderItem(ShirtSku, "纯棉圆领T恤 白色 M", 2, 99m), new OrderItem(JeansSku, "高腰直筒牛仔裤 浅蓝 27", 1, 299m)],
        497m, "CNY", null, null, null, null, null, null, null,
        new OrderAddress("王晓雯", "13900001001", "浦东新区张杨路 1288 弄 6 号 1502 室", "上海市", "CN"));

    public static OrderDocument Paid(string customerId, DateTimeOffset paidAt, DateTimeOffset? promisedShipBy = null) =>
        Pending(customerId) with { Status = OrderStatuses.Paid, PaidAt = paidAt, PromisedShipBy = promisedShipBy ?? paidAt.AddHours(48) };

    public static OrderDocument Shipped(string customerId, DateTimeOffset shippedAt, DateTimeOffset? promisedShipBy = null, DateTimeOffset? promisedDeliveryBy = null) =>
        Paid(customerId, shippedAt.AddHours(-12), promisedShipBy ?? shippedAt.AddHours(12)) with
        {
            Status = OrderStatuses.Shipped,
            ShippedAt = shippedAt,
            Carrier = "YTO",
            TrackingNo = "YT7701234567801",
            PromisedDeliveryBy = promisedDeliveryBy ?? shippedAt.AddDays(3),
        };

    public static OrderDocument Delivered(string customerId, DateTimeOffset deliveredAt, DateTimeOffset? promisedDeliveryBy = null) =>
        Shipped(customerId, deliveredAt.AddDays(-2), promisedDeliveryBy: promisedDeliveryBy ?? deliveredAt.AddHours(6)) with
        {
            Status = OrderStatuses.Delivered,
            DeliveredAt = deliveredAt,
        };

    public static OrderDocument Cancelled(string customerId, DateTimeOffset paidAt) =>
        Paid(customerId, paidAt) with { Status = OrderStatuses.Cancelled };
}
