using Conversations.Abstractions.Sessions;
using Conversations.Grains.Sla;
using Conversations.Grains.Tests.Support;
using Conversations.Grains.Transcripts;
using Conversations.Runtime.Testing;

namespace Conversations.Grains.Tests.Sessions;

/// <summary>Sessions on PostgreSQL: surviving deactivation mid-flow, and transcripts written by group commit.</summary>
public sealed class SessionPersistenceTests
{
    [Fact]
    public async Task Session_SurvivesARestartMidFlow_WithTranscriptAndDedupeIntact()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Postgres = db.ConnectionString });
        var session = await domain.StartSessionAsync("c-1");
        var first = await session.Grain.PostCustomerMessage("c-1", "m-1", ScriptedBot.WhereIsMyOrder);
        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Text == ScriptedBot.OrderAnswer);
        await session.QueueAsync();
        var before = await session.Grain.GetSnapshot();
        var historyBefore = await session.HistoryAsync();

        await domain.RestartAsync();
        var again = await domain.AttachAsync(session.Id, "c-1", "conn-after-restart");

        Assert.Equal(new PostResult(first.Seq, true), await again.Grain.PostCustomerMessage("c-1", "m-1", ScriptedBot.WhereIsMyOrder));
        SnapshotAssert.Unchanged(before, await again.Grain.GetSnapshot());
        Assert.Equal(historyBefore.Select(e => (e.Seq, e.Kind, e.Text)), (await again.HistoryAsync()).Select(e => (e.Seq, e.Kind, e.Text)));

        var next = await again.Grain.PostCustomerMessage("c-1", "m-2", "are you there?");
        Assert.Equal(before.LastSeq + 1, next.Seq);
        await again.AssignAsync("a-1", "Alice");
        var reply = await again.Grain.PostAgentMessage("a-1", "am-1", "Yes, I'm here.");
        var history = await again.HistoryAsync();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Equal(reply.Seq, history[^1].Seq);
        Assert.Equal(SessionStatus.Assigned, (await again.Grain.GetSnapshot()).Status);
    }

    [Fact]
    public async Task SlaReminder_FiresAfterARestart()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Postgres = db.ConnectionString });
        var session = await domain.StartSessionAsync("c-1");
        await session.QueueAsync();

        await domain.RestartAsync();
        var again = await domain.AttachAsync(session.Id, "c-1");
        domain.Time.Advance(TimeSpan.FromSeconds(60));

        var breach = await again.Observer.WaitForAsync(EventKinds.SlaBreach);
        Assert.Equal(SlaClocks.FirstResponse, breach.Data!.Value.GetProperty("clock").GetString());
    }

    [Fact]
    public async Task ManySessionsPosting_AreGroupCommitted()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Postgres = db.ConnectionString });
        var store = Assert.IsType<PostgresTranscriptStore>(domain.Transcripts);
        var sessions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => domain.StartSessionAsync($"c-{i}")));

        await Task.WhenAll(sessions.Select(async s =>
        {
            for (var i = 0; i < 3; i++) await s.Grain.PostCustomerMessage(s.CustomerId, $"m-{i}", $"message {i}");
        }));

        Assert.True(store.FlushCount < store.AppendCount, $"{store.FlushCount} INSERTs for {store.AppendCount} appends.");
        foreach (var s in sessions)
        {
            var history = await s.HistoryAsync();
            Assert.Equal(3, history.Count(e => e.Sender.Role == SenderRoles.Customer));
            Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        }
    }
}
