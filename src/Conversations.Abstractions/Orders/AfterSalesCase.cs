namespace Conversations.Abstractions.Orders;

/// <summary>
/// One after-sales case of an order (return, exchange, refund, repair, reship, dispute) with its
/// state, what the policy decided and promised, and the transitions so far.
/// </summary>
public sealed record AfterSalesCase(
    string CaseId,
    string OrderId,
    string Type,
    string State,
    string Reason,
    IReadOnlyList<string> Skus,
    decimal RefundAmount,
    bool ShopPaysShipping,
    string PolicyNote,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PromisedBy,
    IReadOnlyList<CaseTransition> History);
