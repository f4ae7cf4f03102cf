namespace Conversations.Abstractions.Orders;

/// <summary>Kinds of <see cref="Compensation"/>.</summary>
public static class CompensationKinds
{
    /// <summary>A coupon usable on any order, with no minimum spend (无门槛券).</summary>
    public const string NoThresholdCoupon = "no_threshold_coupon";
}
