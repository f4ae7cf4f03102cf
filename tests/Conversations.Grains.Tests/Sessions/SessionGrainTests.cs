using Conversations.Abstractions;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Sessions;

public sealed class SessionGrainTests
{
    [Fact]
    public async Task Open_WelcomesTheCustomer_WithAMessageAndQuickReplies()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        var history = await session.HistoryAsync();
        var snapshot = await session.Grain.GetSnapshot();

        Assert.Equal([EventKinds.Message, EventKinds.QuickReplies], history.Select(e => e.Kind));
        Assert.Equal([1L, 2L], history.Select(e => e.Seq));
        Assert.Equal(ScriptedBot.WelcomeText, history[0].Text);
        Assert.All(history, e => Assert.Equal(SenderRoles.Bot, e.Sender.Role));
        Assert.Equal(2, history[1].Data!.Value.GetProperty("options").GetArrayLength());
        Assert.Equal(SessionStatus.Bot, snapshot.Status);
        Assert.Equal("c-1", snapshot.CustomerId);
        Assert.Equal(2, snapshot.LastSeq);
        Assert.Equal(domain.Time.GetUtcNow(), snapshot.StartedAt);
    }

    [Fact]
    public async Task Open_InChinese_WelcomesInChinese()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-zh", language: "zh");

        Assert.Equal(ScriptedBot.WelcomeTextZh, (await session.HistoryAsync())[0].Text);
    }

    [Fact]
    public async Task PostCustomerMessage_IsStoredThenAnsweredByTheBot()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1", orderId: "o-100");

        var posted = await session.PostAsync(ScriptedBot.WhereIsMyOrder);
        var reply = await session.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq > posted.Seq);

        Assert.Equal(new PostResult(3, false), posted);
        Assert.Equal(ScriptedBot.OrderAnswer, reply.Text);
        Assert.Equal(4, reply.Seq);
        var customerMessage = (await session.HistoryAsync())[2];
        Assert.Equal((SenderRoles.Customer, "c-1", ScriptedBot.WhereIsMyOrder), (customerMessage.Sender.Role, customerMessage.Sender.Id, customerMessage.Text));
        var (context, _) = Assert.Single(domain.Bot.Received);
        Assert.Equal(("c-1", "en", "o-100"), (context.CustomerId, context.Language, context.OrderId));
        Assert.Contains(context.Recent, e => e.Text == ScriptedBot.WhereIsMyOrder);
        Assert.Equal("order_status", (await session.Grain.GetSnapshot()).Intent);
    }

    [Fact]
    public async Task BotTurn_ThatOnlyLearnsTheOrder_KeepsItAcrossARestart()
    {
        const string text = "it is order 20261111000042";
        await using var domain = await DomainCluster.StartAsync();
        // No analysis: the order number is the only thing this turn changes.
        domain.Bot.On(text, _ => new BotTurn([new BotReply(EventKinds.Message, "Let me look at that order.")], null, null, "20261111000042", LowConfidence: false));
        // Not subscribed: a memory store kept across a test restart cannot read back an observer of the stopped silo.
        var started = await domain.Grains.GetGrain<ICustomerGrain>("c-1").StartSession("web", "en", null);
        var session = domain.Grains.GetGrain<ISessionGrain>(started.SessionId);
        var posted = await session.PostCustomerMessage("c-1", "m-1", text);
        await DomainCluster.UntilAsync(async () => (await session.GetHistory(posted.Seq, 10)).Count > 0, "the bot answered");

        await domain.RestartAsync();

        Assert.Equal("20261111000042", (await domain.Grains.GetGrain<ISessionGrain>(started.SessionId).GetSnapshot()).OrderId);
    }

    [Theory]
    [InlineData(ScriptedBot.AgentPlease, CustomerTiers.Regular, HandoffReasons.CustomerRequest, "general:en")]
    [InlineData(ScriptedBot.Outrageous, CustomerTiers.Regular, HandoffReasons.Anger, "general:en")]
    [InlineData(ScriptedBot.Complain, CustomerTiers.Regular, HandoffReasons.Complaint, "complaints:en")]
    [InlineData(ScriptedBot.BrokenParcel, CustomerTiers.Vip, HandoffReasons.VipComplexIssue, "aftersales:en")]
    public async Task BotHandoff_QueuesTheSession_WithASummaryInTheRightQueue(string text, string tier, string reason, string queue)
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1", tier);

        await session.PostAndWaitAsync(text, EventKinds.Status, e => e.Data!.Value.GetProperty("status").GetString() == "queued");
        var position = await session.Observer.WaitForAsync(EventKinds.QueuePosition);
        var (shard, entry) = Assert.Single(domain.Routing.Enqueued.Items);
        var snapshot = await session.Grain.GetSnapshot();

        Assert.Equal(domain.ShardOf(queue, session.Id), shard);
        Assert.Equal(session.Id, entry.SessionId);
        Assert.Equal(reason, entry.Summary.Reason);
        Assert.Equal(tier, entry.Summary.Tier);
        Assert.Contains(entry.Summary.LastMessages, e => e.Text == text);
        Assert.Equal(1, position.Data!.Value.GetProperty("position").GetInt32());
        Assert.Equal(SessionStatus.Queued, snapshot.Status);
        Assert.Equal(queue, snapshot.Queue);
        Assert.NotNull(snapshot.Sla.FirstResponseDue);
    }

    [Fact]
    public async Task BotHandoff_SummaryForTheAgent_ShowsPhoneNumbersMaskedByTheBot()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAndWaitAsync($"call me on {ScriptedBot.Phone}", EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        await session.PostAsync(ScriptedBot.AgentPlease);
        var (_, entry) = await domain.Routing.Enqueued.WaitForAsync(_ => true);

        Assert.Contains(entry.Summary.LastMessages, e => e.Sender.Role == SenderRoles.Customer && e.Text == $"call me on {ScriptedBot.MaskedPhone}");
        Assert.Contains(entry.Summary.LastMessages, e => e.Sender.Role == SenderRoles.Bot && e.Text!.EndsWith(ScriptedBot.MaskedPhone, StringComparison.Ordinal));
        Assert.DoesNotContain(entry.Summary.LastMessages, e => e.Text!.Contains(ScriptedBot.Phone, StringComparison.Ordinal));
        // The transcript itself keeps what the customer wrote.
        Assert.Contains(await session.HistoryAsync(), e => e.Text == $"call me on {ScriptedBot.Phone}");
    }

    [Fact]
    public async Task BotHandoff_ForAnger_MarksTheEntryAngryWithPriority()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await session.PostAsync(ScriptedBot.Outrageous);
        var (_, entry) = await domain.Routing.Enqueued.WaitForAsync(_ => true);

        Assert.True(entry.Angry);
        Assert.Equal("angry", entry.Summary.Sentiment);
        Assert.Equal(20, entry.PriorityBoost);
    }

    [Fact]
    public async Task BrokenParcel_FromARegularCustomer_StaysWithTheBot()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await session.PostAndWaitAsync(ScriptedBot.BrokenParcel, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        Assert.Empty(domain.Routing.Enqueued.Items);
    }

    [Fact]
    public async Task LowConfidenceTwice_HandsOffToAPerson()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await session.PostAndWaitAsync(ScriptedBot.Unclear, EventKinds.Message, e => e.Text == ScriptedBot.ClarifyingQuestion);
        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        await session.PostAndWaitAsync(ScriptedBot.Unclear, EventKinds.Status);

        var (_, entry) = Assert.Single(domain.Routing.Enqueued.Items);
        Assert.Equal(HandoffReasons.LowConfidence, entry.Summary.Reason);
        Assert.Equal(SessionStatus.Queued, (await session.Grain.GetSnapshot()).Status);
        Assert.Equal(1, domain.Bot.Received[1].Context.LowConfidenceStreak);
    }

    [Fact]
    public async Task LowConfidence_ThenAClearAnswer_ResetsTheStreak()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await session.PostAndWaitAsync(ScriptedBot.Unclear, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);
        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);
        await session.PostAndWaitAsync(ScriptedBot.Unclear, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        Assert.Empty(domain.Routing.Enqueued.Items);
    }

    [Fact]
    public async Task RequestAgent_QueuesWithTheCustomersReason()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        var status = await session.Grain.RequestAgent("c-1", "the parcel is late");

        Assert.Equal(SessionStatus.Queued, status);
        var (shard, entry) = Assert.Single(domain.Routing.Enqueued.Items);
        // The conversation was about an order, so it goes to after-sales.
        Assert.Equal(domain.ShardOf("aftersales:en", session.Id), shard);
        Assert.Equal(HandoffReasons.CustomerRequest, entry.Summary.Reason);
        Assert.Equal("order_status", entry.Summary.Intent);
        Assert.Contains("the parcel is late", entry.Summary.Note, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Queued, await session.Grain.RequestAgent("c-1", null));
        Assert.Single(domain.Routing.Enqueued.Items);
    }

    [Theory]
    [InlineData("en", "no agent is online")]
    [InlineData("zh", "没有人工客服在线")]
    public async Task Handoff_WithNoAgentOnline_BotKeepsTheSessionAndSaysSo(string language, string expected)
    {
        await using var domain = await DomainCluster.StartAsync();
        domain.Routing.NoAgentsOnline = true;
        var session = await domain.StartSessionAsync("c-1", language: language);

        var status = await session.Grain.RequestAgent("c-1", null);
        var notice = await session.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        Assert.Equal(SessionStatus.Bot, status);
        Assert.Contains(expected, notice.Text, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        Assert.DoesNotContain(await session.HistoryAsync(), e => e.Kind == EventKinds.Status);
        await session.PostAndWaitAsync(ScriptedBot.WhereIsMyOrder, EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);
    }

    [Fact]
    public async Task PostCustomerMessage_WithTheSameClientMessageId_ReturnsTheSameSeqAndStoresItOnce()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        var first = await session.Grain.PostCustomerMessage("c-1", "m-42", "hello there");
        var again = await session.Grain.PostCustomerMessage("c-1", "m-42", "hello there");
        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq > first.Seq);

        Assert.Equal(new PostResult(first.Seq, true), again);
        Assert.False(first.Duplicate);
        Assert.Single(await session.HistoryAsync(), e => e.Text == "hello there");
        Assert.Single(domain.Bot.Received);
    }

    [Fact]
    public async Task ConcurrentPosts_GetDistinctSeqsWithoutGaps()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => session.Grain.PostCustomerMessage("c-1", $"m-{i}", $"message {i}")));
        await DomainCluster.UntilAsync(async () => (await session.HistoryAsync()).Count(e => e.Sender.Role == SenderRoles.Bot) >= 202, "the bot answered all 200");

        Assert.Equal(200, results.Select(r => r.Seq).Distinct().Count());
        Assert.All(results, r => Assert.False(r.Duplicate));
        var history = await session.HistoryAsync();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        for (var i = 0; i < 200; i++) Assert.Equal($"message {i}", history[(int)results[i].Seq - 1].Text);
    }

    [Fact]
    public async Task RefusedTransitions_AreConflicts_AndChangeNothing()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        var before = await session.Grain.GetSnapshot();

        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.AssignAgent("a-1", "Alice", "offer-1"));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Rate("c-1", 5, null));
        SnapshotAssert.Unchanged(before, await session.Grain.GetSnapshot());

        Assert.Equal(SessionStatus.Closed, await session.Grain.Close("c-1"));
        var closed = await session.Grain.GetSnapshot();
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.Close("c-1"));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.PostCustomerMessage("c-1", "m-9", "anyone?"));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.RequestAgent("c-1", null));
        await Errors.ExpectAsync(ErrorCodes.Conflict, () => session.Grain.AssignAgent("a-1", "Alice", "offer-1"));

        SnapshotAssert.Unchanged(closed, await session.Grain.GetSnapshot());
        Assert.Equal(EventKinds.Closed, (await session.HistoryAsync())[^1].Kind);
    }

    [Fact]
    public async Task AnotherCustomer_IsForbiddenEverywhere_AndChangesNothing()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        var before = await session.Grain.GetSnapshot();

        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.PostCustomerMessage("c-2", "m-1", "let me in"));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.RequestAgent("c-2", null));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.Close("c-2"));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.Rate("c-2", 1, null));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.Open(new SessionOpening("c-2", "web", "en", CustomerTiers.Regular, null)));
        await Errors.ExpectAsync(ErrorCodes.Forbidden, () => session.Grain.PostAgentMessage("a-9", "m-1", "I am no agent of yours"));

        SnapshotAssert.Unchanged(before, await session.Grain.GetSnapshot());
        Assert.Equal(2, (await session.HistoryAsync()).Count);
    }

    [Fact]
    public async Task UnknownSession_IsNotFound()
    {
        await using var domain = await DomainCluster.StartAsync();
        var grain = domain.Grains.GetGrain<ISessionGrain>("s-never-opened");

        await Errors.ExpectAsync(ErrorCodes.NotFound, () => grain.GetSnapshot());
        await Errors.ExpectAsync(ErrorCodes.NotFound, () => grain.PostCustomerMessage("c-1", "m-1", "hello"));
        Assert.False(await grain.IsVisibleToAgent("a-1"));
    }

    [Theory]
    [InlineData("m-1", "")]
    [InlineData("m-1", "   ")]
    [InlineData("", "hello")]
    [InlineData("an-id-that-is-far-too-long-to-be-a-client-message-id-0123456789ab", "hello")]
    public async Task PostCustomerMessage_WithBadInput_IsABadRequest(string clientMessageId, string text)
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.PostCustomerMessage("c-1", clientMessageId, text));

        Assert.Equal(2, (await session.Grain.GetSnapshot()).LastSeq);
    }

    [Fact]
    public async Task PostCustomerMessage_Of4000Characters_IsTaken_And4001IsRefused()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        await session.Grain.PostCustomerMessage("c-1", "m-1", new string('a', 4000));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.PostCustomerMessage("c-1", "m-2", new string('a', 4001)));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.PostCustomerMessage("c-1", new string('x', 65), "hi"));
        await session.Grain.PostCustomerMessage("c-1", new string('x', 64), "hi");
    }

    [Fact]
    public async Task PostCustomerMessage_StripsNulCharacters()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        var posted = await session.Grain.PostCustomerMessage("c-1", "m-1", "he\0llo");

        Assert.Equal("hello", (await session.Grain.GetHistory(posted.Seq - 1, 1)).Single().Text);
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.PostCustomerMessage("c-1", "m-2", "\0\0"));
    }

    [Fact]
    public async Task GetHistory_PagesAfterASeq_AndRefusesBadPaging()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.PostAndWaitAsync("one", EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        var page = await session.Grain.GetHistory(1, 2);

        Assert.Equal([2L, 3L], page.Select(e => e.Seq));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.GetHistory(-1, 10));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.GetHistory(0, 0));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => session.Grain.GetHistory(0, 1001));
    }

    [Fact]
    public async Task Subscribers_GetEveryStoredEvent_AndAnUnsubscribedOneNoMore()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        var second = await domain.AttachAsync(session.Id, "c-1", "conn-2");

        await session.PostAndWaitAsync("hi", EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);
        await second.Observer.WaitForAsync(EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot && e.Seq == 4);
        await session.Grain.Unsubscribe("conn-2");
        await session.PostAndWaitAsync("again", EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);

        Assert.Equal([3L, 4L, 5L, 6L], session.Observer.Events.Items.Select(e => e.Seq).Order());
        Assert.Equal([3L, 4L], second.Observer.Events.Items.Select(e => e.Seq).Order());
    }
}
