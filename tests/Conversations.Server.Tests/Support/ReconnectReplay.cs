using Conversations.Abstractions.Sessions;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// A customer's widget drops while the conversation goes on from another device, then reconnects and asks for the
/// history after the last event it saw: it must get exactly the events it missed, and from then on live events only.
/// </summary>
public static class ReconnectReplay
{
    /// <param name="before">Where the widget is connected first.</param>
    /// <param name="meanwhile">Where the customer's other device writes while the widget is away.</param>
    /// <param name="after">Where the widget reconnects.</param>
    public static async Task RunAsync(ServerHost before, ServerHost meanwhile, ServerHost after, string customerId)
    {
        await using var widget = await before.ConnectCustomerAsync(customerId);
        var (session, widgetEvents) = await ServerHost.StartSessionAsync(widget);
        var sessionId = session.SessionId;
        await widget.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "r-1", text = "first" });
        var lastSeen = (await widgetEvents.WaitForAsync(e => e.Text == "Echo: first")).Seq;
        await widget.DisposeAsync();

        await using var phone = await meanwhile.ConnectCustomerAsync(customerId);
        var (resumed, phoneEvents) = await ServerHost.StartSessionAsync(phone);
        Assert.True(resumed.Resumed);
        Assert.Equal(sessionId, resumed.SessionId);
        await phone.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "r-2", text = "second" });
        await phone.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "r-3", text = "third" });
        var latest = (await phoneEvents.WaitForAsync(e => e.Text == "Echo: third")).Seq;

        await using var back = await after.ConnectCustomerAsync(customerId);
        var live = new Inbox<ConversationEvent>();
        back.On<ConversationEvent>("Event", live.Add);
        var missed = await back.InvokeAsync<List<ConversationEvent>>("GetHistory", new { sessionId, afterSeq = lastSeen });

        Assert.Equal(Enumerable.Range((int)lastSeen + 1, (int)(latest - lastSeen)).Select(i => (long)i), missed.Select(e => e.Seq));
        Assert.Equal(new[] { "second", "Echo: second", "third", "Echo: third" }, missed.Where(e => e.Kind == EventKinds.Message).Select(e => e.Text));

        // From now on it hears new events live, and none of the ones it just read again.
        await phone.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = "r-4", text = "fourth" });
        var fourth = await live.WaitForAsync(e => e.Text == "Echo: fourth");
        Assert.True(fourth.Seq > latest);
        Assert.All(live.Items, e => Assert.True(e.Seq > latest, $"#{e.Seq} was in the history already"));
        Assert.Equal(live.Items.Count, live.Items.DistinctBy(e => e.Seq).Count());
    }
}
