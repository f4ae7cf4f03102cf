namespace Conversations.Bot.Entities;

/// <summary>The entity type names used in analysis results.</summary>
public static class EntityTypes
{
    public const string OrderId = "order_id";

    public const string TrackingNo = "tracking_no";

    public const string Phone = "phone";

    public const string Amount = "amount";

    public const string Date = "date";

    public const string Size = "size";

    public static IReadOnlyList<string> All { get; } = [OrderId, TrackingNo, Phone, Amount, Date, Size];
}
