using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Server.Tests.Support;

namespace Conversations.Server.Tests.Hubs;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Calls_BeyondTheConnectionsBurst_AreRateLimited_WhileOtherConnectionsGoOn()
    {
        // A rate so low that no token comes back during the test: exactly the burst gets through.
        await using var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:RateLimits:MessagesPerSecond"] = "0.001",
            ["Conversations:RateLimits:Burst"] = "3",
        });
        await using var chatty = await server.ConnectCustomerAsync("c-chatty");
        var (session, _) = await ServerHost.StartSessionAsync(chatty);
        await chatty.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "1", text = "one" });
        await chatty.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "2", text = "two" });

        var message = await Hub.FailsWithAsync(ErrorCodes.RateLimited, () =>
            chatty.InvokeAsync<SendAnswer>("SendMessage", new { sessionId = session.SessionId, clientMessageId = "3", text = "three" }));
        Assert.Contains("retry in", message, StringComparison.Ordinal);

        // The refused message was never stored, and another connection has its own allowance.
        await using var calm = await server.ConnectCustomerAsync("c-chatty");
        var history = await calm.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId = session.SessionId, afterSeq = 0 });
        Assert.DoesNotContain(history, e => e.Text == "three");
    }
}
