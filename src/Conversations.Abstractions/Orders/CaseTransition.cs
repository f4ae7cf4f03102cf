namespace Conversations.Abstractions.Orders;

/// <summary>A step of an after-sales case: from which state to which, by whom, when.</summary>
public sealed record CaseTransition(string From, string To, string Action, string Actor, DateTimeOffset At);
