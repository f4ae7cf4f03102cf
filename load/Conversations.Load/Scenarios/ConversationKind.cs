namespace Conversations.Load.Scenarios;

/// <summary>One kind of conversation in the mix (order status, refund, complaint…) with its message templates.</summary>
/// <param name="Intent">The intent the texts are written to trigger, for the report; the tool does not check the bot's answer.</param>
/// <param name="Openers">First messages by language; <c>{orderId}</c> is replaced with one of the customer's orders.</param>
/// <param name="FollowUps">Later messages by language, drawn without order.</param>
public sealed record ConversationKind(
    string Name,
    double Weight,
    string Intent,
    HandoffMode Handoff,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Openers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> FollowUps,
    int MinFollowUps,
    int MaxFollowUps);
