using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Auth;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Api;

public sealed class SessionEndpointsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task Get_AsOwnerOrAdmin_ShowsTheSession_AndEventsInSeqOrder()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-rest-session");
        var (session, events) = await ServerHost.StartSessionAsync(customer);
        await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "q-1", text = "hello there" });
        await events.WaitForAsync(e => e.Text == "Echo: hello there");

        using var asOwner = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}", ConversationRoles.Customer, "c-rest-session");
        using var asAdmin = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}");
        using var eventsResponse = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/events?afterSeq=1&limit=2", ConversationRoles.Customer, "c-rest-session");

        Assert.Equal(HttpStatusCode.OK, asOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        var snapshot = await asAdmin.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(session.SessionId, snapshot.GetProperty("sessionId").GetString());
        Assert.Equal("c-rest-session", snapshot.GetProperty("customerId").GetString());
        Assert.Equal("bot", snapshot.GetProperty("status").GetString());
        Assert.True(snapshot.GetProperty("lastSeq").GetInt64() >= 4);
        Assert.Equal(JsonValueKind.Object, snapshot.GetProperty("sla").ValueKind);

        var page = await eventsResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(new long[] { 2, 3 }, page.EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(page.EnumerateArray(), e => Assert.Equal(JsonValueKind.String, e.GetProperty("sender").GetProperty("role").ValueKind));
    }

    [Fact]
    public async Task Get_AsAnotherCustomer_IsForbiddenProblem()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-rest-private");
        var (session, _) = await ServerHost.StartSessionAsync(customer);

        using var snapshot = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}", ConversationRoles.Customer, "c-rest-snoop");
        using var events = await Server.SendAsync(HttpMethod.Get, $"/api/sessions/{session.SessionId}/events", ConversationRoles.Customer, "c-rest-snoop");

        await Problems.AssertAsync(snapshot, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await Problems.AssertAsync(events, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Get_UnknownSession_IsNotFoundForAnAdmin_AndForbiddenLikeSomeoneElsesForOthers()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-rest-exists");
        var (session, _) = await ServerHost.StartSessionAsync(customer);

        using var asAdmin = await Server.SendAsync(HttpMethod.Get, "/api/sessions/s-missing");
        await Problems.AssertAsync(asAdmin, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        foreach (var (role, id) in new[] { (ConversationRoles.Customer, "c-rest-guesser"), (ConversationRoles.Agent, "a-rest-guesser") })
        {
            foreach (var path in new[] { "/api/sessions/{0}", "/api/sessions/{0}/events" })
            {
                using var missing = await Server.SendAsync(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, path, "s-missing"), role, id);
                using var someoneElses = await Server.SendAsync(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, path, session.SessionId), role, id);
                var missingProblem = await Problems.AssertAsync(missing, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
                var someoneElsesProblem = await Problems.AssertAsync(someoneElses, HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
                Assert.Equal(someoneElsesProblem.GetProperty("detail").GetString(), missingProblem.GetProperty("detail").GetString());
            }
        }
    }

    [Fact]
    public async Task Get_WithABadQuery_IsABadRequestProblem()
    {
        using var badQuery = await Server.SendAsync(HttpMethod.Get, "/api/sessions/s-missing/events?afterSeq=yesterday");
        await Problems.AssertAsync(badQuery, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
    }
}
