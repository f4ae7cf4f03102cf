using Conversations.Grains.Queues;
using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Customers;

public sealed class CustomerGrainTests
{
    [Fact]
    public async Task NewCustomer_IsARegularWithNoHistory()
    {
        await using var domain = await DomainCluster.StartAsync();

        var context = await domain.Grains.GetGrain<ICustomerGrain>("c-new").GetContext();

        Assert.Equal(CustomerTiers.Regular, context.Profile.Tier);
        Assert.Null(context.OpenSessionId);
        Assert.Empty(context.RecentSessions);
    }

    [Fact]
    public async Task StartSession_Twice_ResumesTheOpenSession()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        var first = await customer.StartSession("web", "en", null);
        await domain.Grains.GetGrain<ISessionGrain>(first.SessionId).PostCustomerMessage("c-1", "m-1", "hello");
        var second = await customer.StartSession("app", null, null);

        Assert.False(first.Resumed);
        Assert.Equal((first.SessionId, true, SessionStatus.Bot), (second.SessionId, second.Resumed, second.Status));
        Assert.True(second.LastSeq >= 3);
        var context = await customer.GetContext();
        Assert.Equal(first.SessionId, context.OpenSessionId);
        Assert.Equal(["web", "app"], context.Profile.Channels);
    }

    [Fact]
    public async Task StartSession_Concurrently_OpensOneSession()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        var started = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => customer.StartSession("web", "en", null)));

        Assert.Single(started.Select(s => s.SessionId).Distinct());
        Assert.Equal(1, domain.Bot.Welcomes);
    }

    [Fact]
    public async Task StartSession_ConcurrentlyWithPostgres_OpensOneSession()
    {
        // With a store that answers asynchronously, the calls interleave while the first one writes and opens.
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Postgres = db.ConnectionString });
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        var started = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => customer.StartSession("web", "en", null)));

        Assert.Single(started.Select(s => s.SessionId).Distinct());
        Assert.Single(started, s => !s.Resumed);
        Assert.Equal(1, domain.Bot.Welcomes);
        Assert.Equal(started[0].SessionId, (await customer.GetContext()).OpenSessionId);
    }

    [Fact]
    public async Task StartSession_AfterClose_OpensANewSession()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.Grain.Close("c-1");

        var next = await domain.Grains.GetGrain<ICustomerGrain>("c-1").StartSession("web", "en", null);

        Assert.NotEqual(session.Id, next.SessionId);
        Assert.False(next.Resumed);
        var context = await domain.Grains.GetGrain<ICustomerGrain>("c-1").GetContext();
        Assert.Equal(next.SessionId, context.OpenSessionId);
        Assert.Contains(context.RecentSessions, m => m.SessionId == session.Id && m.EndedAt is not null);
    }

    [Fact]
    public async Task StartSession_AfterResolution_ResumesUntilRated()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await session.Grain.PostAgentMessage("a-1", "am-1", "All sorted.");
        await session.Grain.Resolve("a-1", "answered");
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        var beforeRating = await customer.StartSession("web", "en", null);
        await session.Grain.Rate("c-1", 5, null);
        var afterRating = await customer.StartSession("web", "en", null);

        Assert.Equal((session.Id, true, SessionStatus.Resolved), (beforeRating.SessionId, beforeRating.Resumed, beforeRating.Status));
        Assert.NotEqual(session.Id, afterRating.SessionId);
        Assert.False(afterRating.Resumed);
    }

    [Fact]
    public async Task StartSession_UsesTheProfilesTierAndLanguage()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-vip");
        await customer.SetProfile(new CustomerProfile("Wang Li", CustomerTiers.Vip, "zh", ["app"]));

        var started = await customer.StartSession("app", null, "o-9");

        var snapshot = await domain.Grains.GetGrain<ISessionGrain>(started.SessionId).GetSnapshot();
        Assert.Equal(("zh", "o-9"), (snapshot.Language, snapshot.OrderId));
        Assert.Equal(["o-9"], (await customer.GetContext()).OrderIds);
    }

    [Fact]
    public async Task RepeatContact_AboutTheSameOrderWithin24Hours_IsFound_AndRaisesPriority()
    {
        await using var domain = await DomainCluster.StartAsync();
        var first = await domain.StartSessionAsync("c-1", orderId: "o-77");
        await first.Grain.Close("c-1");
        domain.Time.Advance(TimeSpan.FromHours(3));
        var second = await domain.StartSessionAsync("c-1", orderId: "o-77");

        await second.QueueAsync();

        var (_, entry) = Assert.Single(domain.Routing.Enqueued.Items);
        Assert.Equal(first.Id, entry.Summary.PreviousSessionId);
        Assert.Contains(first.Id, entry.Summary.Note, StringComparison.Ordinal);
        // The queue weighs the repeat (once) from the summary's PreviousSessionId.
        var waited = TimeSpan.Zero;
        Assert.True(
            QueuePriority.Of(entry.Summary.Tier, entry.Angry, entry.Summary.Sentiment, entry.SlaAtRisk, entry.PriorityBoost, repeatContact: true, waited)
            > QueuePriority.Of(entry.Summary.Tier, entry.Angry, entry.Summary.Sentiment, entry.SlaAtRisk, entry.PriorityBoost, repeatContact: false, waited));
    }

    [Fact]
    public async Task RepeatContact_After24Hours_IsNotARepeat()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");
        var first = await domain.StartSessionAsync("c-1", orderId: "o-77");
        await first.Grain.Close("c-1");

        Assert.Equal(first.Id, (await customer.FindRepeatContact("o-77", "s-other"))?.SessionId);
        Assert.Null(await customer.FindRepeatContact("o-77", first.Id));
        Assert.Null(await customer.FindRepeatContact("o-78", "s-other"));
        domain.Time.Advance(TimeSpan.FromHours(25));
        Assert.Null(await customer.FindRepeatContact("o-77", "s-other"));
    }

    [Fact]
    public async Task Memory_KeepsTheLatestSessionsIntentsAndOrders_Bounded()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        for (var i = 0; i < 25; i++)
        {
            await customer.OnSessionEnded(new SessionMemory($"s-{i}", domain.Time.GetUtcNow(), domain.Time.GetUtcNow(), i % 2 == 0 ? "order_status" : "refund_status", $"o-{i}", null, null));
        }

        await customer.AddOrder("o-3");
        var context = await customer.GetContext();

        Assert.Equal(20, context.RecentSessions.Count);
        Assert.Equal("s-24", context.RecentSessions[0].SessionId);
        Assert.Equal(["order_status", "refund_status"], context.RecentIntents);
        Assert.Equal("o-3", context.OrderIds[0]);
        Assert.Equal(25, context.OrderIds.Count);
    }

    [Fact]
    public async Task RecordTopic_AddsTheIntentAndOrderToTheSessionsMemory()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        await customer.RecordTopic(session.Id, "refund_status", "o-5");

        var memory = (await customer.GetContext()).RecentSessions.Single(m => m.SessionId == session.Id);
        Assert.Equal(("refund_status", "o-5"), (memory.Intent, memory.OrderId));
        Assert.Equal(session.Id, (await customer.FindRepeatContact("o-5", "s-later"))?.SessionId);
    }

    [Fact]
    public async Task RecordTopic_WrittenBehind_SurvivesAGracefulRestart()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await domain.Grains.GetGrain<ICustomerGrain>("c-1").RecordTopic(session.Id, "refund_status", "o-5");

        await domain.RestartAsync();

        var context = await domain.Grains.GetGrain<ICustomerGrain>("c-1").GetContext();
        Assert.Equal(("refund_status", "o-5"), context.RecentSessions.Where(m => m.SessionId == session.Id).Select(m => (m.Intent, m.OrderId)).Single());
        Assert.Contains("o-5", context.OrderIds);
    }

    [Fact]
    public async Task BadInput_IsABadRequest()
    {
        await using var domain = await DomainCluster.StartAsync();
        var customer = domain.Grains.GetGrain<ICustomerGrain>("c-1");

        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => customer.StartSession("", "en", null));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => customer.StartSession("web", "fr", null));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => customer.StartSession("web", "en", new string('9', 65)));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => customer.SetProfile(new CustomerProfile("X", "gold", "en", [])));
        await Errors.ExpectAsync(ErrorCodes.BadRequest, () => customer.AddOrder(" "));
        Assert.Null((await customer.GetContext()).OpenSessionId);
    }
}
