using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Flows;

/// <summary>Agents with consoles on a domain cluster that runs the real queue and agent grains.</summary>
internal static class RoutingWorld
{
    public static Task<DomainCluster> StartAsync() => DomainCluster.StartAsync(new DomainClusterSetup { RealRouting = true });

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
}
