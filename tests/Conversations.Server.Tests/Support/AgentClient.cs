using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Sessions;
using Conversations.Client;

namespace Conversations.Server.Tests.Support;

/// <summary>An agent's connection to <c>/hubs/agent</c> with everything the server pushes to it recorded.</summary>
public sealed class AgentClient : IAsyncDisposable
{
    private AgentClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<Offer>("Offer", Offers.Add);
        connection.On<OfferRevoked>("OfferRevoked", Revoked.Add);
        connection.On<SessionAssigned>("SessionAssigned", Assigned.Add);
        connection.On<ConversationEvent>("Event", Events.Add);
    }

    public HubConnection Connection { get; }

    public Inbox<Offer> Offers { get; } = new();

    public Inbox<OfferRevoked> Revoked { get; } = new();

    public Inbox<SessionAssigned> Assigned { get; } = new();

    public Inbox<ConversationEvent> Events { get; } = new();

    public static async Task<AgentClient> ConnectAsync(ServerHost server, string agentId) => Of(await server.ConnectAgentAsync(agentId));

    /// <summary>Records what <paramref name="connection"/> (already connected to <c>/hubs/agent</c>) receives from now on.</summary>
    public static AgentClient Of(HubConnection connection) => new(connection);

    /// <summary>Connects and goes online for <paramref name="queues"/> (<c>skill:language</c>).</summary>
    public static async Task<AgentClient> OnlineAsync(ServerHost server, string agentId, int capacity = 2, params string[] queues)
    {
        var agent = await ConnectAsync(server, agentId);
        await agent.GoOnlineAsync(capacity, queues);
        return agent;
    }

    public Task<GoOnlineAnswer> GoOnlineAsync(int capacity, params string[] queues)
    {
        var served = queues.Length == 0 ? ["general:en"] : queues;
        var skills = served.Select(q => q.Split(':')[0]).Distinct().ToArray();
        var languages = served.Select(q => q.Split(':')[1]).Distinct().ToArray();
        return Connection.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills, languages, capacity });
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
