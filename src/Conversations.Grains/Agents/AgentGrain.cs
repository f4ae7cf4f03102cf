using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Queues.Internal;
using Conversations.Grains.Stats;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Agents;

/// <summary>
/// One agent (key: agent id): presence, skills, languages and capacity registered with every queue shard the
/// agent serves; offers received, accepted, declined or let expire; assigned sessions; pushes to every
/// connection of the agent; handle-time figures.
/// </summary>
/// <remarks>
/// Reentrant: queue shards call the agent (offers) while the agent may be waiting on a shard or a session
/// (accepting, declining, going online), and sessions call it (events, session ended) while it waits on them.
/// Each method therefore changes state before its first await, re-checks after, and writes state one write at
/// a time.
/// </remarks>
[Reentrant]
public sealed class AgentGrain : Grain, IAgentGrain
{
    public const int MaxCapacity = 20;
    private const int MaxNameLength = 100;

    /// <summary>Connections kept per agent; beyond it the oldest go (a gateway that never said Disconnect).</summary>
    private const int MaxConnections = 16;

    /// <summary>
    /// Rounds of asking the shards and claiming that one look for work may take. A claim fails only when another agent
    /// took the session first, so more rounds than this means a crowd of agents racing: the next room change looks again.
    /// </summary>
    private const int MaxLookRounds = 8;
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(5);

    private readonly IPersistentState<AgentState> _state;
    private readonly QueueOptions _options;
    private readonly ConversationStats _stats;
    private readonly ILogger<AgentGrain> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly HashSet<string> _accepting = new(StringComparer.Ordinal);
    private IGrainTimer? _keepAlive;
    private bool _looking;
    private bool _lookAgain;

    // The shards of every queue served, as keys and references: each look asks all of them (tens of shards), so they
    // are made once, not on every look; null until needed and again when skills or languages change.
    private List<(string Key, IQueueGrain Shard)>? _servedShards;

    public AgentGrain(
        [PersistentState("agent")] IPersistentState<AgentState> state,
        IOptions<QueueOptions> options,
        ConversationStats stats,
        ILogger<AgentGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _stats = stats;
        _logger = logger;
    }

    private AgentState State => _state.State;

    private string AgentId => GetPrimaryKeyString();

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    private int Load => State.ActiveSessions.Count + State.PendingOffers.Count;

    private int Room => State.Status == AgentStatus.Available ? Math.Max(0, State.Capacity - Load) : 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Status != AgentStatus.Offline)
        {
            _stats.AgentOnline(1);
            StartKeepAlive();
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The gauge counts online agents whose grain is resident; the next activation counts this one again.
        if (State.Status != AgentStatus.Offline) _stats.AgentOnline(-1);
        return Task.CompletedTask;
    }

    // ---- profile and presence ----

    public async Task SetProfile(AgentProfile profile)
    {
        if (profile is null) throw ConversationException.BadRequest("An agent profile is required.");
        if (string.IsNullOrWhiteSpace(profile.Name) || profile.Name.Length > MaxNameLength)
        {
            throw ConversationException.BadRequest($"An agent's name must be 1 to {MaxNameLength} characters.");
        }

        var skills = ValidSkills(profile.Skills);
        var languages = ValidLanguages(profile.Languages);
        ValidCapacity(profile.Capacity);

        State.Name = profile.Name.Trim();
        State.ProfileSkills = skills;
        State.ProfileLanguages = languages;
        State.ProfileCapacity = profile.Capacity;
        await SaveAsync();
    }

    public async Task<AgentSnapshot> GoOnline(AgentPresence presence)
    {
        if (presence is null) throw ConversationException.BadRequest("Skills, languages and capacity are required to go online.");
        var skills = ValidSkills(presence.Skills);
        var languages = ValidLanguages(presence.Languages);
        ValidCapacity(presence.Capacity);

        var wasOffline = State.Status == AgentStatus.Offline;
        var previousQueues = wasOffline ? [] : ServedQueues();
        State.Skills = skills;
        State.Languages = languages;
        _servedShards = null;
        State.Capacity = presence.Capacity;
        if (State.Status != AgentStatus.Available) State.IdleSince = Now;
        State.Status = AgentStatus.Available;
        State.ExpiredOffersInARow = 0;
        if (wasOffline)
        {
            _stats.AgentOnline(1);
            StartKeepAlive();
        }

        await SaveAsync();
        var dropped = previousQueues.Except(ServedQueues()).ToList();
        if (dropped.Count > 0) await UnregisterAsync(dropped);
        await RegisterAsync();
        _logger.LogInformation("Agent {Agent} online: {Skills} in {Languages}, capacity {Capacity}", AgentId, skills, languages, presence.Capacity);
        return Snapshot();
    }

    public async Task<AgentStatus> SetAvailability(AgentStatus status)
    {
        if (status == AgentStatus.Offline) throw ConversationException.BadRequest("Use GoOffline to go offline; availability is available or away.");
        if (status is not (AgentStatus.Available or AgentStatus.Away)) throw ConversationException.BadRequest($"Unknown availability {status}.");
        if (State.Status == AgentStatus.Offline) throw ConversationException.Conflict("The agent is offline; go online first.");
        if (State.Status == status) return status;

        if (status == AgentStatus.Available)
        {
            State.Status = AgentStatus.Available;
            State.ExpiredOffersInARow = 0;
            State.IdleSince = Now;
            await SaveAsync();
            await RegisterAsync();
            return State.Status;
        }

        var offers = GoAway();
        await SaveAsync();
        foreach (var offer in offers)
        {
            await PushAsync(s => s.Observer.OnOfferRevoked(s.ConnectionId, new OfferRevoked(offer.OfferId, "agent_away")));
            await DeclineWithQueueAsync(offer, "agent_away");
        }

        await UnregisterAsync(ServedQueues());
        return State.Status;
    }

    public async Task<AgentStatus> GoOffline()
    {
        if (State.Status == AgentStatus.Offline) return AgentStatus.Offline;

        var queues = ServedQueues();
        var offers = State.PendingOffers.Values.ToList();
        var sessions = State.ActiveSessions.Keys.ToList();
        State.Status = AgentStatus.Offline;
        State.PendingOffers.Clear();
        State.ActiveSessions.Clear();
        _stats.AgentOnline(-1);
        _keepAlive?.Dispose();
        _keepAlive = null;
        await SaveAsync();

        // Leave the shards first, so nothing released below is offered back to this agent.
        await UnregisterAsync(queues);
        foreach (var offer in offers)
        {
            await PushAsync(s => s.Observer.OnOfferRevoked(s.ConnectionId, new OfferRevoked(offer.OfferId, "agent_offline")));
            await DeclineWithQueueAsync(offer, "agent_offline");
        }

        foreach (var sessionId in sessions)
        {
            try
            {
                await Session(sessionId).ReleaseAgent(AgentId, "agent_offline");
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Releasing {Session} from {Agent} going offline failed", sessionId, AgentId);
            }
        }

        _logger.LogInformation("Agent {Agent} offline; released {Sessions} sessions and {Offers} offers", AgentId, sessions.Count, offers.Count);
        return AgentStatus.Offline;
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task Connect(Subscriber subscriber)
    {
        if (subscriber?.Observer is null || string.IsNullOrWhiteSpace(subscriber.ConnectionId))
        {
            throw ConversationException.BadRequest("A subscriber needs an observer and a connection id.");
        }

        State.Subscribers.RemoveAll(s => s.ConnectionId == subscriber.ConnectionId);
        State.Subscribers.Add(subscriber);
        if (State.Subscribers.Count > MaxConnections) State.Subscribers.RemoveRange(0, State.Subscribers.Count - MaxConnections);
        await SaveAsync();
    }

    public async Task Disconnect(string connectionId)
    {
        if (string.IsNullOrWhiteSpace(connectionId)) throw ConversationException.BadRequest("A connection id is required.");
        if (State.Subscribers.RemoveAll(s => s.ConnectionId == connectionId) == 0) return;
        if (State.Subscribers.Count == 0 && State.Status == AgentStatus.Available)
        {
            // Nobody sees this agent's offers any more: stop taking them (the console goes online again when it reconnects).
            _logger.LogInformation("Agent {Agent} closed its last connection: set away", AgentId);
            await SetAvailability(AgentStatus.Away);
            return;
        }

        await SaveAsync();
    }

    // ---- offers (from queues) ----

    public async Task<bool> ReceiveOffer(Offer offer)
    {
        if (offer is null || string.IsNullOrWhiteSpace(offer.OfferId) || string.IsNullOrWhiteSpace(offer.SessionId))
        {
            throw ConversationException.BadRequest("An offer needs an offer id and a session id.");
        }

        if (State.PendingOffers.ContainsKey(offer.OfferId)) return true;
        // A session the agent still holds (being transferred away right now) goes to someone else.
        if (State.ActiveSessions.ContainsKey(offer.SessionId)) return false;
        if (Room == 0) return false;

        State.PendingOffers[offer.OfferId] = offer;
        State.IdleSince = Now;
        await SaveAsync();
        await PushAsync(s => s.Observer.OnOffer(s.ConnectionId, offer));
        return true;
    }

    public async Task RevokeOffer(string offerId, string reason, bool expired)
    {
        if (string.IsNullOrWhiteSpace(offerId)) throw ConversationException.BadRequest("An offer id is required.");
        if (!State.PendingOffers.Remove(offerId)) return;

        List<Offer> others = [];
        var wentAway = false;
        if (expired)
        {
            State.ExpiredOffersInARow++;
            if (State.ExpiredOffersInARow >= _options.ExpiredOffersBeforeAway && State.Status == AgentStatus.Available)
            {
                _logger.LogInformation("Agent {Agent} let {Count} offers expire in a row: set away", AgentId, State.ExpiredOffersInARow);
                others = GoAway();
                wentAway = true;
            }
        }

        await SaveAsync();
        await PushAsync(s => s.Observer.OnOfferRevoked(s.ConnectionId, new OfferRevoked(offerId, reason ?? "revoked")));
        if (!wentAway)
        {
            AnnounceRoom();
            return;
        }

        // The revoking shard is waiting on this call: what goes to shards now is sent without waiting.
        foreach (var other in others)
        {
            await PushAsync(s => s.Observer.OnOfferRevoked(s.ConnectionId, new OfferRevoked(other.OfferId, "agent_away")));
            BackgroundCalls.Forget(QueueOf(other).DeclineOffer(other.OfferId, AgentId, "agent_away"), _logger, "DeclineOffer", other.Queue);
        }

        foreach (var (key, shard) in ServedShards())
        {
            BackgroundCalls.Forget(shard.AgentUnavailable(AgentId), _logger, "AgentUnavailable", key);
        }
    }

    public async Task LookForWork()
    {
        if (_looking)
        {
            _lookAgain = true;
            return;
        }

        _looking = true;
        try
        {
            do
            {
                _lookAgain = false;
                await FillRoomAsync();
            }
            while (_lookAgain);
        }
        finally
        {
            _looking = false;
        }
    }

    // ---- the agent's own actions ----

    public async Task<AssignmentResult> AcceptOffer(string offerId)
    {
        if (string.IsNullOrWhiteSpace(offerId)) throw ConversationException.BadRequest("An offer id is required.");
        if (State.Status == AgentStatus.Offline) throw ConversationException.Conflict("The agent is offline.");
        if (!State.PendingOffers.TryGetValue(offerId, out var offer))
        {
            throw ConversationException.Conflict($"Offer {offerId} is not open for agent {AgentId} (expired, withdrawn, or someone else's).");
        }

        if (!_accepting.Add(offerId)) throw ConversationException.Conflict($"Offer {offerId} is already being accepted.");
        try
        {
            try
            {
                await QueueOf(offer).AcceptOffer(offerId, AgentId);
            }
            catch (ConversationException)
            {
                // The queue no longer holds the offer (it expired or was withdrawn): neither does the agent.
                await DropOfferAsync(offerId);
                throw;
            }

            AssignmentResult result;
            try
            {
                result = await Session(offer.SessionId).AssignAgent(AgentId, State.Name ?? AgentId, offerId);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Session {Session} refused agent {Agent} accepting offer {Offer}", offer.SessionId, AgentId, offerId);
                await DropOfferAsync(offerId);
                AnnounceRoom();
                throw;
            }

            State.PendingOffers.Remove(offerId);
            State.ActiveSessions[offer.SessionId] = new AssignedSession
            {
                SessionId = offer.SessionId,
                Queue = offer.Queue,
                OfferId = offerId,
                AssignedAt = Now,
                PreviousSessionId = result.Summary.PreviousSessionId,
            };
            State.ExpiredOffersInARow = 0;
            await SaveAsync();
            await PushAsync(s => s.Observer.OnSessionAssigned(s.ConnectionId, new SessionAssigned(offer.SessionId, result.Summary)));
            return result;
        }
        finally
        {
            _accepting.Remove(offerId);
        }
    }

    public async Task DeclineOffer(string offerId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(offerId)) throw ConversationException.BadRequest("An offer id is required.");
        if (_accepting.Contains(offerId)) throw ConversationException.Conflict($"Offer {offerId} is being accepted.");
        if (!State.PendingOffers.Remove(offerId, out var offer))
        {
            throw ConversationException.Conflict($"Offer {offerId} is not open for agent {AgentId} (expired, withdrawn, or someone else's).");
        }

        State.ExpiredOffersInARow = 0;
        await SaveAsync();
        await PushAsync(s => s.Observer.OnOfferRevoked(s.ConnectionId, new OfferRevoked(offerId, "declined")));
        await DeclineWithQueueAsync(offer, string.IsNullOrWhiteSpace(reason) ? "declined" : reason);
        AnnounceRoom();
    }

    public Task<PostResult> SendMessage(string sessionId, string clientMessageId, string text)
    {
        RequireAssigned(sessionId);
        return Session(sessionId).PostAgentMessage(AgentId, clientMessageId, text);
    }

    public async Task<SessionStatus> TransferSession(string sessionId, string queue)
    {
        if (!QueueNames.TryParse(queue, out _, out _))
        {
            throw ConversationException.BadRequest($"'{queue}' is not a queue: use <skill>:<language> with skill {string.Join('|', QueueNames.Skills)} and language {string.Join('|', QueueNames.Languages)}.");
        }

        RequireAssigned(sessionId);
        var status = await Session(sessionId).Transfer(AgentId, queue);
        await EndSessionAsync(sessionId, handleTime: null, handled: false);
        return status;
    }

    public async Task<SessionStatus> ResolveSession(string sessionId, string resolution)
    {
        if (string.IsNullOrWhiteSpace(resolution)) throw ConversationException.BadRequest("A resolution code is required.");
        RequireAssigned(sessionId);
        var status = await Session(sessionId).Resolve(AgentId, resolution);
        await EndSessionAsync(sessionId, handleTime: null, handled: true);
        return status;
    }

    public Task<bool> CanSee(string sessionId) => Task.FromResult(
        !string.IsNullOrEmpty(sessionId)
        && (State.ActiveSessions.ContainsKey(sessionId)
            || State.PendingOffers.Values.Any(o => o.SessionId == sessionId)
            // A repeat contact shows the agent the earlier conversation it is about (its summary names it).
            || State.ActiveSessions.Values.Any(a => a.PreviousSessionId == sessionId)
            || State.PendingOffers.Values.Any(o => o.Summary?.PreviousSessionId == sessionId)));

    // ---- from sessions ----

    public Task DeliverEvent(ConversationEvent conversationEvent)
    {
        if (conversationEvent is null) throw ConversationException.BadRequest("An event is required.");
        return PushAsync(s => s.Observer.OnEvent(s.ConnectionId, conversationEvent));
    }

    public Task OnSessionEnded(string sessionId, TimeSpan handleTime, bool handled)
    {
        if (string.IsNullOrWhiteSpace(sessionId)) throw ConversationException.BadRequest("A session id is required.");
        return EndSessionAsync(sessionId, handleTime, handled);
    }

    // ---- helpers ----

    /// <summary>
    /// Frees the session's place and tells the shards there is room; a session <paramref name="handled"/> to its end also
    /// counts its handle time here and with its queue (the session counts the same ones in the conversation stats).
    /// </summary>
    private async Task EndSessionAsync(string sessionId, TimeSpan? handleTime, bool handled)
    {
        if (!State.ActiveSessions.Remove(sessionId, out var assigned)) return;
        var took = handleTime ?? Now - assigned.AssignedAt;
        if (took < TimeSpan.Zero) took = TimeSpan.Zero;
        if (handled)
        {
            State.ResolvedSessions++;
            State.TotalHandleSeconds += took.TotalSeconds;
        }

        await SaveAsync();

        // Sent without waiting: the session ending this may be waiting on the agent, and the shards may be offering to it.
        if (handled)
        {
            var shard = GrainFactory.GetQueueShard(assigned.Queue, sessionId, _options.ShardCount);
            BackgroundCalls.Forget(shard.RecordHandleTime(took), _logger, "RecordHandleTime", assigned.Queue);
        }

        AnnounceRoom();
    }

    /// <summary>Away: no new offers, and pending ones (except one being accepted right now) are given back.</summary>
    private List<Offer> GoAway()
    {
        var offers = State.PendingOffers.Values.Where(o => !_accepting.Contains(o.OfferId)).ToList();
        foreach (var offer in offers) State.PendingOffers.Remove(offer.OfferId);
        State.Status = AgentStatus.Away;
        return offers;
    }

    private async Task DropOfferAsync(string offerId)
    {
        if (State.PendingOffers.Remove(offerId)) await SaveAsync();
    }

    private async Task DeclineWithQueueAsync(Offer offer, string reason)
    {
        try
        {
            await QueueOf(offer).DeclineOffer(offer.OfferId, AgentId, reason);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Declining offer {Offer} with {Queue} failed", offer.OfferId, offer.Queue);
        }
    }

    /// <summary>
    /// Room freed up: look for work in a turn of our own. Not awaited, since whoever freed it (a session ending, a shard
    /// revoking an offer) may be waiting on this agent, and the look asks that very shard.
    /// </summary>
    private void AnnounceRoom()
    {
        if (State.Status != AgentStatus.Available) return;
        BackgroundCalls.Forget(AsReference<IAgentGrain>().LookForWork(), _logger, "LookForWork", AgentId);
    }

    /// <summary>Online or available again: every shard served learns the agent, and the agent takes what waits.</summary>
    private Task RegisterAsync() => LookForWork();

    /// <summary>
    /// Asks every shard served for its best waiting sessions, claims the best across all of them, and goes on until the
    /// room is full or no shard has anything, which leaves every shard knowing the room that remains (for arrivals).
    /// </summary>
    private async Task FillRoomAsync()
    {
        for (var round = 0; round < MaxLookRounds; round++)
        {
            if (Room == 0) return;
            var candidate = Candidate();
            var shards = ServedShards();
            var asked = new Task<IReadOnlyList<WaitingCandidate>>[shards.Count];
            for (var i = 0; i < shards.Count; i++) asked[i] = shards[i].Shard.AgentAvailable(candidate);
            var answers = await Task.WhenAll(asked);
            var best = new List<(IQueueGrain Shard, WaitingCandidate Session)>();
            for (var i = 0; i < shards.Count; i++)
            {
                foreach (var waiting in answers[i]) best.Add((shards[i].Shard, waiting));
            }

            if (best.Count == 0) return;
            best.Sort(static (a, b) => QueueOrder.Compare(
                a.Session.Priority, a.Session.EnqueuedAt, a.Session.SessionId, b.Session.Priority, b.Session.EnqueuedAt, b.Session.SessionId));
            foreach (var (shard, waiting) in best)
            {
                if (Room == 0) return;
                // False: another agent was quicker, or the session left. The next best is tried, then the shards are asked again.
                await shard.Claim(AgentId, waiting.SessionId);
            }
        }

        _logger.LogWarning("Agent {Agent} still has room after {Rounds} rounds of claims that others won; it looks again when its room changes", AgentId, MaxLookRounds);
    }

    private Task UnregisterAsync(IEnumerable<string> queues) =>
        Task.WhenAll(ShardKeys(queues).Select(key => GrainFactory.GetGrain<IQueueGrain>(key).AgentUnavailable(AgentId)));

    private AgentCandidate Candidate() => new(
        AgentId,
        [.. State.Skills],
        [.. State.Languages],
        Math.Max(0, State.Capacity - Load),
        State.IdleSince ?? Now);

    private List<(string Key, IQueueGrain Shard)> ServedShards() =>
        _servedShards ??= [.. ShardKeys(ServedQueues()).Select(key => (key, GrainFactory.GetGrain<IQueueGrain>(key)))];

    private List<string> ServedQueues() =>
        [.. State.Skills.SelectMany(skill => State.Languages.Select(language => QueueNames.Of(skill, language)))];

    private IEnumerable<string> ShardKeys(IEnumerable<string> queues) =>
        queues.SelectMany(queue => QueueShards.KeysOf(queue, _options.ShardCount));

    private void RequireAssigned(string sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId)) throw ConversationException.BadRequest("A session id is required.");
        if (!State.ActiveSessions.ContainsKey(sessionId))
        {
            throw ConversationException.Forbidden($"Session {sessionId} is not assigned to agent {AgentId}.");
        }
    }

    /// <summary>Pushes to every connection at once; connections whose server is gone are dropped.</summary>
    private async Task PushAsync(Func<Subscriber, Task> push)
    {
        if (State.Subscribers.Count == 0) return;
        var subscribers = State.Subscribers.ToList();
        var outcomes = await Task.WhenAll(subscribers.Select(async subscriber =>
        {
            try
            {
                await push(subscriber);
                return true;
            }
            catch (Exception exception) when (IsGone(exception))
            {
                return false;
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Push to connection {Connection} of agent {Agent} failed", subscriber.ConnectionId, AgentId);
                return true;
            }
        }));

        var gone = subscribers.Where((_, i) => !outcomes[i]).Select(s => s.ConnectionId).ToHashSet(StringComparer.Ordinal);
        if (gone.Count == 0) return;
        State.Subscribers.RemoveAll(s => gone.Contains(s.ConnectionId));
        _logger.LogInformation("Dropped {Count} gone connections of agent {Agent}", gone.Count, AgentId);
        await SaveAsync();
    }

    private static bool IsGone(Exception exception) =>
        exception is ObserverNotFoundException or SiloUnavailableException
        || (exception is GrainException { OriginalType: { } type }
            && (type.EndsWith(nameof(ObserverNotFoundException), StringComparison.Ordinal) || type.EndsWith(nameof(SiloUnavailableException), StringComparison.Ordinal)));

    /// <summary>Writes the state; interleaved turns take turns, since two writes with one ETag would conflict.</summary>
    private async Task SaveAsync()
    {
        await _writeLock.WaitAsync();
        try
        {
            await _state.WriteStateAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void StartKeepAlive()
    {
        // An online agent's grain stays resident: shards rely on it answering offers promptly.
        _keepAlive ??= RegisterGrainTimer(
            static (_, _) => Task.CompletedTask,
            this,
            new GrainTimerCreationOptions(KeepAlivePeriod, KeepAlivePeriod) { KeepAlive = true });
    }

    private AgentSnapshot Snapshot() => new(
        AgentId,
        State.Name ?? AgentId,
        State.Status,
        [.. State.Skills],
        [.. State.Languages],
        State.Capacity,
        [.. State.ActiveSessions.Keys.Order(StringComparer.Ordinal)],
        [.. State.PendingOffers.Keys.Order(StringComparer.Ordinal)],
        State.ExpiredOffersInARow,
        State.ResolvedSessions,
        State.ResolvedSessions > 0 ? State.TotalHandleSeconds / State.ResolvedSessions : 0,
        State.IdleSince);

    private static List<string> ValidSkills(IReadOnlyList<string>? skills)
    {
        if (skills is null || skills.Count == 0) throw ConversationException.BadRequest("At least one skill is required.");
        var unknown = skills.Where(s => !QueueNames.Skills.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            throw ConversationException.BadRequest($"Unknown skills {string.Join(", ", unknown)}; known: {string.Join(", ", QueueNames.Skills)}.");
        }

        return [.. skills.Distinct(StringComparer.Ordinal)];
    }

    private static List<string> ValidLanguages(IReadOnlyList<string>? languages)
    {
        if (languages is null || languages.Count == 0) throw ConversationException.BadRequest("At least one language is required.");
        var unknown = languages.Where(l => !QueueNames.Languages.Contains(l)).ToList();
        if (unknown.Count > 0)
        {
            throw ConversationException.BadRequest($"Unknown languages {string.Join(", ", unknown)}; known: {string.Join(", ", QueueNames.Languages)}.");
        }

        return [.. languages.Distinct(StringComparer.Ordinal)];
    }

    private static void ValidCapacity(int capacity)
    {
        if (capacity is < 1 or > MaxCapacity) throw ConversationException.BadRequest($"Capacity must be between 1 and {MaxCapacity} (got {capacity}).");
    }

    private IQueueGrain QueueOf(Offer offer) => GrainFactory.GetQueueShard(offer.Queue, offer.SessionId, _options.ShardCount);

    private ISessionGrain Session(string sessionId) => GrainFactory.GetGrain<ISessionGrain>(sessionId);
}
