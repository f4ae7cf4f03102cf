using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Grains.Sla;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Flows;

/// <summary>Agents with consoles on a domain cluster that runs the real queue and agent grains.</summary>
internal static class RoutingWorld
{
    public static Task<DomainCluster> StartAsync(Action<QueueOptions>? queues = null, Action<SlaOptions>? sla = null) =>
        DomainCluster.StartAsync(new DomainClusterSetup { RealRouting = true, Queues = queues, Sla = sla });

    public static async Task<(IAgentGrain Agent, TestObserver Console)> OnlineAsync(this DomainCluster domain, string agentId, string[] skills, int capacity = 2, string name = "Agent")
    {
        var console = new TestObserver();
        var agent = domain.Grains.GetGrain<IAgentGrain>(agentId);
        await agent.SetProfile(new AgentProfile(name, skills, ["en", "zh"], capacity));
        await agent.Connect(new Subscriber(domain.Grains.CreateObjectReference<IConversationObserver>(console), $"console-{agentId}"));
        await agent.GoOnline(new AgentPresence(skills, ["en", "zh"], capacity));
        return (agent, console);
    }

    public static IQueueGrain Shard(this DomainCluster domain, string queue, string sessionId) =>
        domain.Grains.GetGrain<IQueueGrain>(domain.ShardOf(queue, sessionId));

    /// <summary>A new session of <paramref name="customerId"/> that asks for a person and is accepted by <paramref name="agent"/>.</summary>
    public static async Task<TestSession> AssignedAsync(this DomainCluster domain, IAgentGrain agent, TestObserver console, string customerId)
    {
        var session = await domain.StartSessionAsync(customerId);
        await session.Grain.RequestAgent(customerId, null);
        await agent.AcceptOffer((await console.Offers.WaitForAsync(o => o.SessionId == session.Id)).OfferId);
        return session;
    }
}
