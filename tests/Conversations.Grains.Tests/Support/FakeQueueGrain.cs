using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Queues;
using Conversations.Runtime;

namespace Conversations.Grains.Tests.Support;

/// <summary>A queue shard that only records what sessions ask of it (session tests run without routing).</summary>
public sealed class FakeQueueGrain : Grain, IQueueGrain
{
    private readonly FakeRouting _routing;
    private int _waiting;

    public FakeQueueGrain(FakeRouting routing)
    {
        _routing = routing;
    }

    private string Shard => GetPrimaryKeyString();

    public Task<QueueTicket> Enqueue(QueueEntry entry)
    {
        _routing.Enqueued.Add((Shard, entry));
        var queue = QueueNames.QueueOfShard(Shard);
        if (!_routing.HasAgents(queue)) return Task.FromResult(new QueueTicket(false, queue, 0, 0, NoAgentsOnline: true));
        _waiting++;
        return Task.FromResult(new QueueTicket(true, queue, _waiting, _waiting * 60, NoAgentsOnline: false));
    }

    public Task Remove(string sessionId, string reason)
    {
        _routing.Removed.Add((Shard, sessionId, reason));
        return Task.CompletedTask;
    }

    public Task Escalate(string sessionId, int priorityBoost)
    {
        _routing.Escalated.Add((Shard, sessionId, priorityBoost));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WaitingCandidate>> AgentAvailable(AgentCandidate agent) => Task.FromResult<IReadOnlyList<WaitingCandidate>>([]);

    public Task<bool> Claim(string agentId, string sessionId) => Task.FromResult(false);

    public Task AgentUnavailable(string agentId) => Task.CompletedTask;

    public Task<string> AcceptOffer(string offerId, string agentId) => Task.FromResult(string.Empty);

    public Task DeclineOffer(string offerId, string agentId, string? reason) => Task.CompletedTask;

    public Task RecordHandleTime(TimeSpan handleTime) => Task.CompletedTask;

    public Task ShareWaiting(int shard, WaitingDigest digest) => Task.CompletedTask;

    public Task<QueueSnapshot> GetSnapshot() => Task.FromResult(new QueueSnapshot(Shard, _waiting, 0, 0, 0, []));
}
