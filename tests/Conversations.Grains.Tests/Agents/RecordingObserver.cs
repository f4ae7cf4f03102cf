using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Tests.Agents;

/// <summary>Stands in for a gateway server: records every push to its connections, and lets tests wait for one.</summary>
public sealed class RecordingObserver : IConversationObserver
{
    private readonly object _lock = new();
    private readonly List<ObserverPush> _pushes = [];
    private readonly List<(Func<ObserverPush, bool> Match, TaskCompletionSource<ObserverPush> Done)> _waiters = [];

    public IReadOnlyList<ObserverPush> Pushes
    {
        get
        {
            lock (_lock) return [.. _pushes];
        }
    }

    public IReadOnlyList<Offer> Offers(string connectionId) =>
        [.. Pushes.Where(p => p.ConnectionId == connectionId && p.Payload is Offer).Select(p => (Offer)p.Payload)];

    public Task OnEvent(string connectionId, ConversationEvent conversationEvent) => Record(connectionId, nameof(OnEvent), conversationEvent);

    public Task OnOffer(string connectionId, Offer offer) => Record(connectionId, nameof(OnOffer), offer);

    public Task OnOfferRevoked(string connectionId, OfferRevoked revoked) => Record(connectionId, nameof(OnOfferRevoked), revoked);

    public Task OnSessionAssigned(string connectionId, SessionAssigned assigned) => Record(connectionId, nameof(OnSessionAssigned), assigned);

    /// <summary>The first push (already made or still to come) matching <paramref name="match"/>.</summary>
    public Task<ObserverPush> WaitFor(Func<ObserverPush, bool> match, TimeSpan? timeout = null)
    {
        var tcs = new TaskCompletionSource<ObserverPush>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _pushes.Find(p => match(p));
            if (existing is not null) return Task.FromResult(existing);
            _waiters.Add((match, tcs));
        }

        return tcs.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    public async Task<Offer> WaitForOffer(string connectionId, string? sessionId = null, string? notOfferId = null) =>
        (Offer)(await WaitFor(p => p.ConnectionId == connectionId && p.Payload is Offer o && (sessionId is null || o.SessionId == sessionId) && o.OfferId != notOfferId)).Payload;

    public async Task<OfferRevoked> WaitForRevoked(string connectionId, string offerId) =>
        (OfferRevoked)(await WaitFor(p => p.ConnectionId == connectionId && p.Payload is OfferRevoked r && r.OfferId == offerId)).Payload;

    private Task Record(string connectionId, string kind, object payload)
    {
        var push = new ObserverPush(connectionId, kind, payload);
        List<TaskCompletionSource<ObserverPush>> done = [];
        lock (_lock)
        {
            _pushes.Add(push);
            foreach (var waiter in _waiters.Where(w => w.Match(push)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        foreach (var tcs in done) tcs.TrySetResult(push);
        return Task.CompletedTask;
    }
}
