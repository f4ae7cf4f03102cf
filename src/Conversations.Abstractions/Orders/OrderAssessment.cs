namespace Conversations.Abstractions.Orders;

/// <summary>
/// What the policies say about an order right now: late or not against its promises, whether it can
/// still be returned, how fast a refund would arrive, and any compensation owed.
/// </summary>
public sealed record OrderAssessment(
    bool LateShipping,
    bool LateDelivery,
    bool TrackingStale,
    bool NoReasonReturnEligible,
    DateTimeOffset? NoReasonReturnEndsAt,
    bool QualityReturnEligible,
    DateTimeOffset? QualityReturnEndsAt,
    TimeSpan RefundWithin,
    Compensation? Compensation,
    string Explanation);
