using System.Net;
using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

public sealed class AgentHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Presence_MovesFromAvailableToAwayToOffline()
    {
        await using var agent = await Server.ConnectAgentAsync("a-presence");
        var online = await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "presales" }, languages = new[] { "zh" }, capacity = 3 });
        var away = await agent.InvokeAsync<StatusAnswer>("SetAvailability", new { status = "away" });
        var offline = await agent.InvokeAsync<StatusAnswer>("GoOffline");

        Assert.Equal("available", online.Status);
        Assert.Equal("away", away.Status);
        Assert.Equal("offline", offline.Status);
    }

    [Fact]
    public async Task Calls_OnASessionNeitherOfferedNorAssigned_AreForbidden()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-not-yours");
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        var sessionId = session.SessionId;
        await using var agent = await Server.ConnectAgentAsync("a-nosy");

        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<List<SuggestionAnswer>>("GetSuggestions", new { sessionId }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "n-1", text = "hello" }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId, resolution = "answered" }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => agent.InvokeAsync<StatusAnswer>("TransferSession", new { sessionId, queue = "general:en" }));

        using var rest = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", ConversationRoles.Agent, "a-nosy");
        Assert.Equal(HttpStatusCode.Forbidden, rest.StatusCode);
    }

    [Fact]
    public async Task AcceptOffer_ThatWasNeverMade_IsAConflict()
    {
        await using var agent = await Server.ConnectAgentAsync("a-no-offer");
        await agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "complaints" }, languages = new[] { "zh" }, capacity = 1 });
        try
        {
            await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { offerId = "o-never" }));
            await Hub.FailsWithAsync(ErrorCodes.Conflict, () => agent.InvokeAsync<OkAnswer>("DeclineOffer", new { offerId = "o-never" }));
        }
        finally
        {
            await agent.InvokeAsync<StatusAnswer>("GoOffline");
        }
    }

    [Fact]
    public async Task Calls_WithInvalidArguments_AreBadRequests()
    {
        await using var agent = await Server.ConnectAgentAsync("a-sloppy");

        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { languages = new[] { "en" }, capacity = 2 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "general" }, languages = new[] { "en" }, capacity = 0 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<GoOnlineAnswer>("GoOnline", new { skills = new[] { "juggling" }, languages = new[] { "en" }, capacity = 2 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("SetAvailability", new { status = "asleep" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("TransferSession", new { sessionId = "s-1", queue = "nowhere" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<StatusAnswer>("ResolveSession", new { sessionId = "s-1" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => agent.InvokeAsync<AcceptAnswer>("AcceptOffer", new { }));
    }
}
