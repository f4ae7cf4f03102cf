using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Sessions;

/// <summary>Customers who go quiet: closed while with the bot, abandoned while queued, resolved sessions closed.</summary>
public sealed class SessionIdleTests
{
    [Fact]
    public async Task SilentCustomer_WithTheBot_IsClosedAfterBotIdleClose()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        domain.Time.Advance(TimeSpan.FromMinutes(10));
        var closed = await session.Observer.WaitForAsync(EventKinds.Closed);

        Assert.Equal(("closed", "idle"), (closed.Data!.Value.GetProperty("status").GetString(), closed.Data!.Value.GetProperty("reason").GetString()));
        Assert.Equal(SessionStatus.Closed, (await session.Grain.GetSnapshot()).Status);
        Assert.Equal(1, domain.Stats.Snapshot().BotContainmentRate);
    }

    [Fact]
    public async Task CustomerWritingMeanwhile_PostponesTheIdleClose()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");

        domain.Time.Advance(TimeSpan.FromMinutes(6));
        await session.PostAndWaitAsync("still there?", EventKinds.Message, e => e.Sender.Role == SenderRoles.Bot);
        domain.Time.Advance(TimeSpan.FromMinutes(4));
        // The reminder fired at minute 10; this call queues behind it.
        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        domain.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        Assert.Equal(SessionStatus.Bot, (await session.Grain.GetSnapshot()).Status);
        domain.Time.Advance(TimeSpan.FromSeconds(1));

        await session.Observer.WaitForAsync(EventKinds.Closed);
        Assert.Equal(SessionStatus.Closed, (await session.Grain.GetSnapshot()).Status);
    }

    [Fact]
    public async Task SilentCustomer_InTheQueue_IsAbandonedAndLeavesTheQueue()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();

        domain.Time.Advance(TimeSpan.FromMinutes(30));
        var closed = await session.Observer.WaitForAsync(EventKinds.Closed);

        Assert.Equal("abandoned", closed.Data!.Value.GetProperty("status").GetString());
        Assert.Equal(SessionStatus.Abandoned, (await session.Grain.GetSnapshot()).Status);
        var removed = await domain.Routing.Removed.WaitForAsync(r => r.SessionId == session.Id);
        Assert.Equal("abandoned", removed.Reason);
    }

    [Fact]
    public async Task IdleTimeouts_FollowSessionOptions()
    {
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Sessions = o => o.BotIdleClose = TimeSpan.FromMinutes(2) });
        var session = await domain.StartSessionAsync("c-1");

        domain.Time.Advance(TimeSpan.FromMinutes(2));

        await session.Observer.WaitForAsync(EventKinds.Closed);
    }

    [Fact]
    public async Task ResolvedSession_IsClosedAfterResolvedCloseAfter()
    {
        await using var domain = await DomainCluster.StartAsync();
        var session = await domain.StartSessionAsync("c-1");
        await session.AssignAsync();
        await session.Grain.PostAgentMessage("a-1", "am-1", "Done!");
        await session.Grain.Resolve("a-1", "answered");

        domain.Time.Advance(TimeSpan.FromMinutes(30));

        var closed = await session.Observer.WaitForAsync(EventKinds.Closed);
        Assert.Equal("resolved", closed.Data!.Value.GetProperty("reason").GetString());
        Assert.Equal(SessionStatus.Closed, (await session.Grain.GetSnapshot()).Status);
    }
}
