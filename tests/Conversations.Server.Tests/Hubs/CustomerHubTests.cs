using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

public sealed class CustomerHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Server => fixture.Server;

    [Fact]
    public async Task StartSession_Twice_ResumesTheOpenSession()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-resume");
        var (first, _) = await ServerHost.StartSessionAsync(customer);
        var second = await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "app" });

        Assert.False(first.Resumed);
        Assert.True(second.Resumed);
        Assert.Equal(first.SessionId, second.SessionId);
        Assert.True(second.LastSeq >= 1);
    }

    [Fact]
    public async Task SendMessage_WithSameClientMessageId_ReturnsSameSeqMarkedDuplicate()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-dedupe");
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        var message = new { sessionId = session.SessionId, clientMessageId = "same-1", text = "hello" };

        var first = await customer.InvokeAsync<SendAnswer>("SendMessage", message);
        var again = await customer.InvokeAsync<SendAnswer>("SendMessage", message);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        var history = await customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId = session.SessionId, afterSeq = 0 });
        Assert.Single(history, e => e.Text == "hello");
    }

    [Fact]
    public async Task SendMessage_PushesTheBotAnswerAsEvent()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-push");
        var (session, events) = await ServerHost.StartSessionAsync(customer);

        var sent = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "p-1", text = "ping" });

        var mine = await events.WaitForAsync(e => e.Seq == sent.Seq);
        Assert.Equal(SenderRoles.Customer, mine.Sender.Role);
        Assert.Equal("c-push", mine.Sender.Id);
        var answer = await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Bot && e.Text == "Echo: ping");
        Assert.Equal(session.SessionId, answer.SessionId);
    }

    [Fact]
    public Task GetHistory_AfterReconnect_ReturnsExactlyTheEventsMissed() => ReconnectReplay.RunAsync(Server, Server, Server, "c-replay");

    [Fact]
    public async Task Calls_OnAnotherCustomersSession_AreForbidden()
    {
        await using var owner = await Server.ConnectCustomerAsync("c-owner");
        var (session, _) = await ServerHost.StartSessionAsync(owner);
        await using var intruder = await Server.ConnectCustomerAsync("c-intruder");
        var sessionId = session.SessionId;

        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => intruder.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "x-1", text = "hi" }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => intruder.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = 0 }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => intruder.InvokeAsync<StatusAnswer>("RequestAgent", new { sessionId }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => intruder.InvokeAsync<OkAnswer>("RateSession", new { sessionId, score = 1 }));
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => intruder.InvokeAsync<StatusAnswer>("CloseSession", new { sessionId }));
    }

    [Fact]
    public async Task StartSession_AboutAnotherCustomersOrder_IsForbidden()
    {
        // Demo order 2026111100009305 belongs to c-1001.
        await using var stranger = await Server.ConnectCustomerAsync("c-1002");
        await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => stranger.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web", orderId = "2026111100009305" }));

        await using var owner = await Server.ConnectCustomerAsync("c-1001");
        var mine = await owner.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web", orderId = "2026111100009305" });
        Assert.False(string.IsNullOrEmpty(mine.SessionId));
    }

    [Fact]
    public async Task Calls_OnAnUnknownSession_AreRefusedExactlyAsOnAnotherCustomersSession()
    {
        await using var owner = await Server.ConnectCustomerAsync("c-existing-owner");
        var (session, _) = await ServerHost.StartSessionAsync(owner);
        await using var stranger = await Server.ConnectCustomerAsync("c-guesser");
        var calls = new (string Method, Func<string, object> Argument)[]
        {
            ("SendMessage", id => new { sessionId = id, clientMessageId = "g-1", text = "hi" }),
            ("GetHistory", id => new { sessionId = id, afterSeq = 0 }),
            ("RequestAgent", id => new { sessionId = id }),
            ("RateSession", id => new { sessionId = id, score = 1 }),
            ("CloseSession", id => new { sessionId = id }),
        };

        foreach (var (method, argument) in calls)
        {
            var someoneElses = await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => stranger.InvokeAsync(method, argument(session.SessionId)));
            var missing = await Hub.FailsWithAsync(ErrorCodes.Forbidden, () => stranger.InvokeAsync(method, argument("s-does-not-exist")));
            Assert.Equal(someoneElses, missing);
        }
    }

    [Fact]
    public async Task RateSession_WhileTheBotStillTalks_IsAConflict()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-early-rating");
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        await Hub.FailsWithAsync(ErrorCodes.Conflict, () => customer.InvokeAsync<OkAnswer>("RateSession", new { sessionId = session.SessionId, score = 4 }));
    }

    [Fact]
    public async Task SendMessage_AfterClose_IsAConflict()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-closed");
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        var closed = await customer.InvokeAsync<StatusAnswer>("CloseSession", new { sessionId = session.SessionId });
        Assert.Equal("closed", closed.Status);
        await Hub.FailsWithAsync(ErrorCodes.Conflict, () => customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "late", text = "hello?" }));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("clientMessageId")]
    [InlineData("sessionId")]
    public async Task SendMessage_WithMissingField_IsABadRequestNamingIt(string missing)
    {
        await using var customer = await Server.ConnectCustomerAsync("c-missing-" + missing);
        var (session, _) = await ServerHost.StartSessionAsync(customer);
        var fields = new Dictionary<string, object> { ["sessionId"] = session.SessionId, ["clientMessageId"] = "b-1", ["text"] = "hi" };
        fields.Remove(missing);

        var message = await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<SendAnswer>("SendMessage", fields));
        Assert.Contains(missing, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_WithOversizedFields_IsABadRequest()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-oversized");
        var (session, _) = await ServerHost.StartSessionAsync(customer);

        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "o-1", text = new string('a', 4001) }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = new string('m', 65), text = "hi" }));
        var longest = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = new string('m', 64), text = new string('a', 4000) });
        Assert.False(longest.Duplicate);
    }

    [Fact]
    public async Task Calls_WithMalformedArguments_AreBadRequests()
    {
        await using var customer = await Server.ConnectCustomerAsync("c-malformed");
        var (session, _) = await ServerHost.StartSessionAsync(customer);

        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<SendAnswer>("SendMessage", "just a string"));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<OkAnswer>("RateSession", new { sessionId = session.SessionId, score = "many" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<OkAnswer>("RateSession", new { sessionId = session.SessionId, score = 6 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web", language = "fr" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<StartSessionAnswer>("StartSession", new { language = "en" }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId = session.SessionId, afterSeq = -1 }));
        await Hub.FailsWithAsync(ErrorCodes.BadRequest, () => customer.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId = session.SessionId, afterSeq = 0, limit = 5000 }));
    }
}
