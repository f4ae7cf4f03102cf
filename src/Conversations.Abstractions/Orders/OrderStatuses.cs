namespace Conversations.Abstractions.Orders;

/// <summary>Order statuses (PROTOCOL.md <c>PUT /api/orders</c>).</summary>
public static class OrderStatuses
{
    public const string PendingPayment = "pending_payment";
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [PendingPayment, Paid, Shipped, Delivered, Cancelled];
}
