using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Support;

/// <summary>What the fake queue and agent grains were told, and how the fake queues answer (shared through DI).</summary>
public sealed class FakeRouting
{
    /// <summary>Queues whose enqueue answers "no agent online".</summary>
    public HashSet<string> QueuesWithoutAgents { get; } = [];

    /// <summary>Every queue answers "no agent online".</summary>
    public bool NoAgentsOnline { get; set; }

    public Recorder<(string Shard, QueueEntry Entry)> Enqueued { get; } = new();

    public Recorder<(string Shard, string SessionId, string Reason)> Removed { get; } = new();

    public Recorder<(string Shard, string SessionId, int Boost)> Escalated { get; } = new();

    public Recorder<(string AgentId, ConversationEvent Event)> Delivered { get; } = new();

    public Recorder<(string AgentId, string SessionId, TimeSpan HandleTime)> Ended { get; } = new();

    internal bool HasAgents(string queue)
    {
        lock (QueuesWithoutAgents) return !NoAgentsOnline && !QueuesWithoutAgents.Contains(queue);
    }
}
