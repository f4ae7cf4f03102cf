namespace Conversations.Grains.Orders;

/// <summary>
/// The shop's after-sales policy (section <c>Conversations:Orders</c>): return windows, refund timing,
/// compensation for late orders, when tracking counts as stale. Defaults match the demo knowledge base.
/// </summary>
public sealed class OrderPolicyOptions
{
    public const string SectionName = "Conversations:Orders";

    /// <summary>Days after delivery during which any resaleable item may be returned or exchanged without a reason (customer pays return shipping).</summary>
    public int NoReasonReturnDays { get; set; } = 7;

    /// <summary>Days after delivery during which a quality problem (also damaged, wrong or not as described) is returned or exchanged free.</summary>
    public int QualityReturnDays { get; set; } = 15;

    /// <summary>Days after delivery during which repairs are free (the appliance warranty); later repairs are quoted first.</summary>
    public int WarrantyDays { get; set; } = 365;

    /// <summary>Days after payment during which a price drop on the same item is refunded as the difference.</summary>
    public int PriceProtectionDays { get; set; } = 15;

    /// <summary>How soon a paid order that has not shipped is refunded after the request.</summary>
    public TimeSpan UnshippedRefundWithin { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How soon a return is refunded after the warehouse has received it.</summary>
    public TimeSpan ReturnRefundWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Extra working days a bank card takes to show a refund (wallets are instant): the low end.</summary>
    public int BankCardExtraWorkingDaysMin { get; set; } = 1;

    /// <summary>Extra working days a bank card takes to show a refund: the high end.</summary>
    public int BankCardExtraWorkingDaysMax { get; set; } = 3;

    /// <summary>No-threshold coupon owed when an order ships later than its promised ship-by time.</summary>
    public decimal LateShippingCoupon { get; set; } = 10m;

    /// <summary>No-threshold coupon owed when an order is delivered later than its promised delivery time (replaces the shipping one).</summary>
    public decimal LateDeliveryCoupon { get; set; } = 20m;

    /// <summary>Currency of compensation coupons (ISO 4217).</summary>
    public string CompensationCurrency { get; set; } = "CNY";

    /// <summary>A shipped, undelivered order with no carrier event for this long has stale tracking (the carrier must be chased).</summary>
    public TimeSpan TrackingStaleAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Working days the service centre takes to inspect a repair: the low end.</summary>
    public int RepairInspectionWorkingDaysMin { get; set; } = 3;

    /// <summary>Working days the service centre takes to inspect a repair: the high end (used for the promise).</summary>
    public int RepairInspectionWorkingDaysMax { get; set; } = 5;

    /// <summary>How soon a missing, wrong or damaged item is sent again, and an exchange's new item after the old one arrives.</summary>
    public TimeSpan ReshipWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How soon a dispute gets a first answer from a person.</summary>
    public TimeSpan DisputeResponseWithin { get; set; } = TimeSpan.FromHours(24);
}
