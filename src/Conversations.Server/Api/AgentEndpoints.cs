using Conversations.Abstractions.Agents;
using Conversations.Runtime;
using Conversations.Server.Auth;

namespace Conversations.Server.Api;

/// <summary><c>PUT /api/agents/{agentId}</c> (admin): an agent's name, default skills, languages and capacity.</summary>
public static class AgentEndpoints
{
    public static RouteGroupBuilder MapAgents(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPut("/agents/{agentId}", async (string agentId, HttpRequest request, IGrainFactory grains) =>
        {
            var id = RouteInput.Id(agentId, "agentId");
            var profile = await ApiJson.ReadAsync<AgentProfile>(request);
            var agent = grains.GetGrain<IAgentGrain>(id);
            await agent.SetProfile(profile);
            return Results.Ok(await agent.GetSnapshot());
        }).RequireAuthorization(AuthPolicies.Admin);
        return api;
    }
}
