using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>Common ways to move a session along in tests (the agent side driven directly, as the routing grains would).</summary>
public static class SessionSteps
{
    public static bool HasStatus(this ConversationEvent e, string status) =>
        e.Kind == EventKinds.Status && e.Data?.GetProperty("status").GetString() == status;

    /// <summary>The customer asks for a person and the session enters its queue.</summary>
    public static async Task QueueAsync(this TestSession session)
    {
        Assert.Equal(SessionStatus.Queued, await session.Grain.RequestAgent(session.CustomerId, null));
    }

    /// <summary>Queues the session, then a queue offers it to <paramref name="agentId"/> who accepts.</summary>
    public static async Task<AssignmentResult> AssignAsync(this TestSession session, string agentId = "a-1", string agentName = "Alice", string offerId = "offer-1")
    {
        if ((await session.Grain.GetSnapshot()).Status != SessionStatus.Queued) await session.QueueAsync();
        await session.Grain.OnOffered(agentId, offerId);
        return await session.Grain.AssignAgent(agentId, agentName, offerId);
    }
}
