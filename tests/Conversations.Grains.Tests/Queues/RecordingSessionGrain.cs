using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;

namespace Conversations.Grains.Tests.Queues;

/// <summary>
/// Stands in for the session grain in the routing tests: records what queues and agents tell it in a
/// <see cref="SessionCallLog"/> and answers as a queued session would. Registered only by
/// <see cref="RoutingCluster"/>, never by assembly scan, so it does not clash with the real SessionGrain.
/// </summary>
public sealed class RecordingSessionGrain : Grain, ISessionGrain
{
    private readonly SessionCallLog _log;
    private long _seq;

    public RecordingSessionGrain(SessionCallLog log)
    {
        _log = log;
    }

    private string Id => GetPrimaryKeyString();

    public Task OnOffered(string agentId, string offerId) => Record(new SessionCall(Id, nameof(OnOffered), agentId, offerId));

    public Task OnOfferEnded(string agentId, string offerId) => Record(new SessionCall(Id, nameof(OnOfferEnded), agentId, offerId));

    public Task OnQueuePosition(int position, int etaSeconds) =>
        Record(new SessionCall(Id, nameof(OnQueuePosition), Position: position, EtaSeconds: etaSeconds));

    public Task OnQueueChanged(string queue) => Record(new SessionCall(Id, nameof(OnQueueChanged), Detail: queue));

    public Task OnQueueAbandoned(string reason) => Record(new SessionCall(Id, nameof(OnQueueAbandoned), Detail: reason));

    public Task<AssignmentResult> AssignAgent(string agentId, string agentName, string offerId)
    {
        _log.ThrowIfRefusing(Id);
        _log.Record(new SessionCall(Id, nameof(AssignAgent), agentId, offerId, Detail: agentName));
        var summary = _log.SummaryOf(Id) ?? RoutingCluster.Summary("c-unknown");
        return Task.FromResult(new AssignmentResult(Id, summary, []));
    }

    public Task<PostResult> PostAgentMessage(string agentId, string clientMessageId, string text)
    {
        _log.Record(new SessionCall(Id, nameof(PostAgentMessage), agentId, Detail: text));
        return Task.FromResult(new PostResult(++_seq, Duplicate: false));
    }

    public Task<SessionStatus> Transfer(string agentId, string queue)
    {
        _log.Record(new SessionCall(Id, nameof(Transfer), agentId, Detail: queue));
        return Task.FromResult(SessionStatus.Queued);
    }

    public Task<SessionStatus> Resolve(string agentId, string resolution)
    {
        _log.Record(new SessionCall(Id, nameof(Resolve), agentId, Detail: resolution));
        return Task.FromResult(SessionStatus.Resolved);
    }

    public Task ReleaseAgent(string agentId, string reason) => Record(new SessionCall(Id, nameof(ReleaseAgent), agentId, Detail: reason));

    public Task<bool> IsVisibleToAgent(string agentId) => throw new NotSupportedException();

    public Task<SessionSnapshot> Open(SessionOpening opening) => throw new NotSupportedException();

    public Task<SessionSnapshot> GetSnapshot() => throw new NotSupportedException();

    public Task<PostResult> PostCustomerMessage(string customerId, string clientMessageId, string text) => throw new NotSupportedException();

    public Task<IReadOnlyList<ConversationEvent>> GetHistory(long afterSeq, int limit) => throw new NotSupportedException();

    public Task<SessionStatus> RequestAgent(string customerId, string? reason) => throw new NotSupportedException();

    public Task<SessionStatus> Close(string customerId) => throw new NotSupportedException();

    public Task Rate(string customerId, int score, string? comment) => throw new NotSupportedException();

    public Task Subscribe(Subscriber subscriber) => throw new NotSupportedException();

    public Task Unsubscribe(string connectionId) => throw new NotSupportedException();

    public Task ProcessCustomerMessage(long seq, string text) => throw new NotSupportedException();

    private Task Record(SessionCall call)
    {
        _log.Record(call);
        return Task.CompletedTask;
    }
}
