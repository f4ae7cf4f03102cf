using Conversations.Abstractions;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Tests.Support;

namespace Conversations.Grains.Tests.Sessions;

/// <summary>
/// A message is acknowledged only once its append is durable, and an append that fails is refused without an ack
/// and without a hole in the seqs: the store here holds or fails the append as a slow or broken database would.
/// </summary>
public sealed class SessionDurabilityTests
{
    private const string Text = "my parcel is still not here";

    [Theory]
    [InlineData(SenderRoles.Customer)]
    [InlineData(SenderRoles.Agent)]
    public async Task Post_IsAcknowledgedOnlyOnceItsAppendIsDurable(string role)
    {
        var store = new HeldTranscriptStore();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Transcripts = store });
        var session = await StartAsync(domain, role);
        var held = store.HoldNext(e => e.Sender.Role == role && e.Text == Text);

        var post = PostAsync(session, role, "m-1");
        await held.Arrived;

        Assert.False(post.IsCompleted);
        Assert.DoesNotContain(session.Observer.Events.Items, e => e.Text == Text);
        Assert.DoesNotContain(domain.Bot.Received, r => r.Text == Text);
        held.Release();
        var ack = await post;
        Assert.False(ack.Duplicate);
        Assert.Equal(Text, (await session.Grain.GetHistory(ack.Seq - 1, 1)).Single().Text);
        await session.Observer.WaitForAsync(EventKinds.Message, e => e.Seq == ack.Seq && e.Text == Text);
    }

    [Theory]
    [InlineData(SenderRoles.Customer)]
    [InlineData(SenderRoles.Agent)]
    public async Task Post_WhoseAppendFails_IsRefusedRetryably_WithoutAnAckOrAGap(string role)
    {
        var store = new HeldTranscriptStore();
        await using var domain = await DomainCluster.StartAsync(new DomainClusterSetup { Transcripts = store });
        var session = await StartAsync(domain, role);
        var lastSeq = (await session.Grain.GetSnapshot()).LastSeq;
        var held = store.HoldNext(e => e.Sender.Role == role && e.Text == Text);

        var post = PostAsync(session, role, "m-1");
        await held.Arrived;
        held.Fail(new IOException("the database went away"));

        await Errors.ExpectAsync(ErrorCodes.Overloaded, () => post);
        var snapshot = await session.Grain.GetSnapshot();
        Assert.Equal(lastSeq, snapshot.LastSeq);
        Assert.DoesNotContain(session.Observer.Events.Items, e => e.Text == Text);
        Assert.DoesNotContain(domain.Bot.Received, r => r.Text == Text);
        if (role == SenderRoles.Agent)
        {
            // The answer was not given: the customer is still owed one, and no first response is counted.
            Assert.NotNull(snapshot.Sla.FirstResponseDue);
            Assert.Equal(0, domain.Stats.Snapshot().AvgFirstResponseMs);
        }

        // The client retries with the same clientMessageId: stored now, at the very next seq.
        var retried = await PostAsync(session, role, "m-1");
        Assert.Equal(new PostResult(lastSeq + 1, false), retried);
        var history = await session.HistoryAsync();
        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Seq));
        Assert.Single(history, e => e.Text == Text);
    }

    /// <summary>A session where <paramref name="role"/> may write: with the bot for a customer, assigned to a-1 for an agent.</summary>
    private static async Task<TestSession> StartAsync(DomainCluster domain, string role)
    {
        var session = await domain.StartSessionAsync("c-1");
        if (role == SenderRoles.Agent) await session.AssignAsync("a-1");
        return session;
    }

    private static Task<PostResult> PostAsync(TestSession session, string role, string clientMessageId) => role == SenderRoles.Agent
        ? session.Grain.PostAgentMessage("a-1", clientMessageId, Text)
        : session.Grain.PostCustomerMessage(session.CustomerId, clientMessageId, Text);
}
