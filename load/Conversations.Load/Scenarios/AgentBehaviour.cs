namespace Conversations.Load.Scenarios;

/// <summary>How simulated agents take offers, answer and resolve.</summary>
/// <param name="Replies">Reply texts by language (<c>zh</c>, <c>en</c>).</param>
public sealed record AgentBehaviour(
    int Capacity,
    SecondsRange AcceptDelaySeconds,
    double DeclineProbability,
    SecondsRange ReplyDelaySeconds,
    int RepliesPerSession,
    SecondsRange ResolveAfterSeconds,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Replies);
