namespace Conversations.Grains.Orders.Internal;

/// <summary>What the policy decided when a case opens: who pays shipping, the refund, the promise and the note for the customer.</summary>
internal sealed record CaseTerms(bool ShopPaysShipping, decimal RefundAmount, DateTimeOffset? PromisedBy, string PolicyNote);
