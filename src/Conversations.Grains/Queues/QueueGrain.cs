using System.Globalization;
using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Queues.Internal;
using Conversations.Grains.Stats;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Queues;

/// <summary>
/// One shard of a queue (key <c>&lt;skill&gt;:&lt;language&gt;#&lt;n&gt;</c>): sessions waiting by
/// <see cref="QueuePriority"/>, offers with expiry and re-offer, overflow to <c>general:&lt;language&gt;</c>, and
/// position and wait estimates pushed to the waiting customers.
/// </summary>
/// <remarks>
/// Priority holds across shards because an agent whose room frees up chooses: it asks every shard it serves for its
/// best (<see cref="AgentAvailable"/>) and claims the best of all (<see cref="Claim"/>). A shard offers on its own only
/// to agents that left it room because it had nothing for them, which is when a session arrives (or is freed) while
/// agents sit idle; it offers to the longest idle first.
/// <para>
/// Not reentrant, so a turn sees its own state from start to end. It waits for agents (which are reentrant)
/// and for the general queue on overflow, but never for a session: sessions wait for queues, so calls to
/// sessions are sent without waiting for the answer.
/// </para>
/// </remarks>
public sealed class QueueGrain : Grain, IQueueGrain, IRemindable
{
    /// <summary>The longest the shard sleeps while sessions wait: position refresh and keep-alive.</summary>
    internal static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    /// <summary>How long sessions wait in a shard no agent serves before they overflow or go back to the bot.</summary>
    internal static readonly TimeSpan NoAgentsGrace = TimeSpan.FromMinutes(1);

    /// <summary>Positions further back than this are pushed at most once per <see cref="PositionThrottle"/>.</summary>
    internal const int PositionsAlwaysPushed = 10;

    internal static readonly TimeSpan PositionThrottle = TimeSpan.FromSeconds(15);

    /// <summary>Up to this many open offers, a look checks a waiting session against each of them instead of a set.</summary>
    private const int FewOffers = 8;

    private static readonly TimeSpan MovedMemory = TimeSpan.FromHours(1);
    private static readonly TimeSpan WatchPeriod = TimeSpan.FromMinutes(1);
    private const string WatchReminder = "queue-watch";
    private const string GeneralSkill = "general";

    private readonly IPersistentState<QueueState> _state;
    private readonly QueueOptions _options;
    private readonly ConversationStats _stats;
    private readonly ILogger<QueueGrain> _logger;
    private readonly List<(WaitingSession Session, int Priority)> _ordered = [];
    private readonly List<(WaitingSession Session, int Priority)> _best = [];
    private string _key = string.Empty;
    private string _queue = string.Empty;
    private string _language = string.Empty;
    private bool _isGeneral;
    private int _shard;
    private SiblingLines _siblings = null!;
    private IGrainTimer? _wake;
    private IGrainTimer? _save;
    private IGrainTimer? _share;
    private bool _sharedEmpty = true;
    private bool _saveScheduled;
    private bool? _watching;
    private int _countedQueued;
    private bool _dirty;

    public QueueGrain(
        [PersistentState("queue")] IPersistentState<QueueState> state,
        IOptions<QueueOptions> options,
        ConversationStats stats,
        ILogger<QueueGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _stats = stats;
        _logger = logger;
    }

    private QueueState State => _state.State;

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = GetPrimaryKeyString();
        _queue = QueueNames.QueueOfShard(_key);
        var hash = _key.LastIndexOf('#');
        if (!QueueNames.TryParse(_queue, out var skill, out _language) || hash < 0
            || !int.TryParse(_key.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _shard)
            || _shard >= _options.ShardCount)
        {
            throw new InvalidOperationException(
                $"'{_key}' is not a queue shard key: expected <skill>:<language>#<shard below {_options.ShardCount}> (QueueNames.ShardKey).");
        }

        _isGeneral = skill == GeneralSkill;
        _siblings = new SiblingLines(_options.ShardCount, _shard);
        ReportQueued();
        await ArmWakeAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The gauge counts sessions in resident shards; whoever activates this shard next counts them again.
        _stats.Queued(-_countedQueued);
        _countedQueued = 0;
        await FlushAsync();
    }

    // ---- from sessions ----

    public async Task<QueueTicket> Enqueue(QueueEntry entry)
    {
        if (entry is null) throw ConversationException.BadRequest("A queue entry is required.");
        if (string.IsNullOrWhiteSpace(entry.SessionId)) throw ConversationException.BadRequest("A queue entry needs a session id.");
        if (entry.Summary is null) throw ConversationException.BadRequest($"Queue entry for session {entry.SessionId} has no handoff summary.");
        var shard = QueueNames.ShardOf(entry.SessionId, _options.ShardCount);
        if (shard != _shard)
        {
            throw ConversationException.BadRequest(
                $"Session {entry.SessionId} waits in shard {QueueNames.ShardKey(_queue, shard)}, not {_key} (use QueueShards.GetQueueShard).");
        }

        var now = Now;
        var waiting = Find(entry.SessionId);
        if (waiting is null && State.Agents.Count == 0)
        {
            return new QueueTicket(Accepted: false, _queue, Position: 0, EtaSeconds: 0, NoAgentsOnline: true);
        }

        if (waiting is null && State.Waiting.Count >= _options.MaxWaitingPerShard && !entry.SlaAtRisk)
        {
            _logger.LogWarning("{Shard} is full ({Count} waiting): {Session} stays with the bot", _key, State.Waiting.Count, entry.SessionId);
            return new QueueTicket(Accepted: false, _queue, Position: 0, EtaSeconds: 0, NoAgentsOnline: false);
        }

        var enqueuedAt = entry.EnqueuedAt == default || entry.EnqueuedAt > now ? now : entry.EnqueuedAt;
        if (waiting is null)
        {
            waiting = new WaitingSession { SessionId = entry.SessionId, ArrivedAt = now, EnqueuedAt = enqueuedAt };
            State.Waiting.Add(waiting);
        }

        // A repeated enqueue (the session asked again, or its SLA flags changed) refreshes what decides priority,
        // but never restarts the waiting time.
        waiting.Summary = entry.Summary;
        if (enqueuedAt < waiting.EnqueuedAt) waiting.EnqueuedAt = enqueuedAt;
        if (!string.IsNullOrWhiteSpace(entry.AvoidAgentId) && !waiting.Excluded.Contains(entry.AvoidAgentId)) waiting.Excluded.Add(entry.AvoidAgentId);
        waiting.PriorityBoost = entry.PriorityBoost;
        waiting.Angry = entry.Angry;
        waiting.SlaAtRisk = waiting.SlaAtRisk || entry.SlaAtRisk;
        State.Moved.Remove(entry.SessionId);
        _dirty = true;

        await DispatchAsync(now);
        var ticket = TicketFor(entry.SessionId, now);
        PushPositions(now);
        await SaveAsync();
        return ticket;
    }

    public async Task Remove(string sessionId, string reason)
    {
        if (string.IsNullOrWhiteSpace(sessionId)) throw ConversationException.BadRequest("A session id is required.");
        var waiting = Find(sessionId);
        if (waiting is null)
        {
            if (State.Moved.Remove(sessionId, out var moved))
            {
                _dirty = true;
                await GrainFactory.GetGrain<IQueueGrain>(moved.ShardKey).Remove(sessionId, reason);
                await SaveAsync();
            }

            return;
        }

        State.Waiting.Remove(waiting);
        _dirty = true;
        var offer = State.Offers.Find(o => o.SessionId == sessionId);
        if (offer is not null) await WithdrawOfferAsync(offer, string.IsNullOrWhiteSpace(reason) ? "session_left" : reason);

        var now = Now;
        await DispatchAsync(now);
        PushPositions(now);
        await SaveAsync();
    }

    public async Task Escalate(string sessionId, int priorityBoost)
    {
        if (string.IsNullOrWhiteSpace(sessionId)) throw ConversationException.BadRequest("A session id is required.");
        if (priorityBoost <= 0) throw ConversationException.BadRequest($"An escalation must raise priority (boost {priorityBoost}).");
        var waiting = Find(sessionId);
        if (waiting is null)
        {
            // Already assigned or gone: nothing waits here to raise. An overflowed session is raised where it went.
            if (State.Moved.TryGetValue(sessionId, out var moved))
            {
                await GrainFactory.GetGrain<IQueueGrain>(moved.ShardKey).Escalate(sessionId, priorityBoost);
            }

            return;
        }

        waiting.Escalation += priorityBoost;
        waiting.SlaAtRisk = true;
        _dirty = true;
        var now = Now;
        await DispatchAsync(now);
        PushPositions(now);
        await SaveAsync();
    }

    // ---- from agents ----

    public async Task<IReadOnlyList<WaitingCandidate>> AgentAvailable(AgentCandidate agent)
    {
        if (agent is null) throw ConversationException.BadRequest("An agent candidate is required.");
        if (string.IsNullOrWhiteSpace(agent.AgentId)) throw ConversationException.BadRequest("An agent candidate needs an agent id.");
        QueueNames.TryParse(_queue, out var skill, out var language);
        if (agent.Skills is null || agent.Languages is null || !agent.Skills.Contains(skill) || !agent.Languages.Contains(language))
        {
            throw ConversationException.BadRequest($"Agent {agent.AgentId} does not serve {_queue} (skill {skill} and language {language} needed).");
        }

        var known = FindAgent(agent.AgentId);
        var joined = known is null;
        if (known is null)
        {
            known = new KnownAgent { AgentId = agent.AgentId };
            State.Agents.Add(known);
        }

        // Every agent with room asks every shard it serves, so this is the busiest call at a peak: a shard with nobody
        // waiting, or an agent without room, costs no ordering at all. The agent decides where its room goes; the shard
        // keeps it for arrivals only when it has nothing the agent may take.
        var now = Now;
        var room = Math.Max(0, agent.FreeCapacity);
        var best = room == 0 || State.Waiting.Count == 0 ? [] : BestFor(agent.AgentId, room, now);
        var freeCapacity = best.Count == 0 ? room : 0;
        if (joined || known.FreeCapacity != freeCapacity || known.IdleSince != agent.IdleSince
            || !known.Skills.SequenceEqual(agent.Skills) || !known.Languages.SequenceEqual(agent.Languages) || State.NoAgentsSince is not null)
        {
            known.Skills = [.. agent.Skills];
            known.Languages = [.. agent.Languages];
            known.FreeCapacity = freeCapacity;
            known.IdleSince = agent.IdleSince;
            State.NoAgentsSince = null;
            _dirty = true;
        }

        // One more agent serving shortens everyone's wait estimate.
        if (joined) PushPositions(now);
        await SaveAsync();
        return best;
    }

    public async Task<bool> Claim(string agentId, string sessionId)
    {
        if (string.IsNullOrWhiteSpace(agentId)) throw ConversationException.BadRequest("An agent id is required.");
        if (string.IsNullOrWhiteSpace(sessionId)) throw ConversationException.BadRequest("A session id is required.");
        var waiting = Find(sessionId);
        var known = FindAgent(agentId);
        if (waiting is null || known is null || HasOffer(sessionId) || !MayTake(waiting, agentId)) return false;

        // Everyone serving the shard let it go once: it starts over with all of them (as CandidatesFor does).
        if (waiting.Excluded.Contains(agentId)) waiting.Excluded.Clear();
        var now = Now;
        var taken = await OfferAsync(waiting, PriorityOf(waiting, now), known, now);
        await SaveAsync();
        return taken;
    }

    public async Task AgentUnavailable(string agentId)
    {
        if (string.IsNullOrWhiteSpace(agentId)) throw ConversationException.BadRequest("An agent id is required.");
        var known = FindAgent(agentId);
        if (known is null) return;

        State.Agents.Remove(known);
        _dirty = true;
        foreach (var offer in State.Offers.Where(o => o.AgentId == agentId).ToList())
        {
            State.Offers.Remove(offer);
            Find(offer.SessionId)?.Excluded.Add(agentId);
            // The agent is leaving and may be waiting on this shard right now: tell it without waiting.
            BackgroundCalls.Forget(Agent(agentId).RevokeOffer(offer.OfferId, "agent_unavailable", false), _logger, "RevokeOffer", agentId);
            BackgroundCalls.Forget(Session(offer.SessionId).OnOfferEnded(agentId, offer.OfferId), _logger, "OnOfferEnded", offer.SessionId);
        }

        var now = Now;
        if (State.Agents.Count == 0 && State.Waiting.Count > 0) State.NoAgentsSince ??= now;
        await DispatchAsync(now);
        PushPositions(now);
        await SaveAsync();
    }

    public async Task<string> AcceptOffer(string offerId, string agentId)
    {
        if (string.IsNullOrWhiteSpace(offerId)) throw ConversationException.BadRequest("An offer id is required.");
        if (string.IsNullOrWhiteSpace(agentId)) throw ConversationException.BadRequest("An agent id is required.");
        var now = Now;
        var offer = State.Offers.Find(o => o.OfferId == offerId)
            ?? throw ConversationException.Conflict($"Offer {offerId} is no longer open (accepted, declined, expired or withdrawn).");
        if (offer.AgentId != agentId) throw ConversationException.Conflict($"Offer {offerId} was made to another agent.");
        if (offer.ExpiresAt <= now) throw ConversationException.Conflict($"Offer {offerId} expired at {offer.ExpiresAt:O}.");

        State.Offers.Remove(offer);
        var waiting = Find(offer.SessionId);
        if (waiting is not null) State.Waiting.Remove(waiting);
        _dirty = true;

        // The agent's free capacity here stays lowered by this offer: the session is theirs now.
        PushPositions(now);
        await SaveAsync();
        return offer.SessionId;
    }

    public async Task DeclineOffer(string offerId, string agentId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(offerId)) throw ConversationException.BadRequest("An offer id is required.");
        if (string.IsNullOrWhiteSpace(agentId)) throw ConversationException.BadRequest("An agent id is required.");
        var offer = State.Offers.Find(o => o.OfferId == offerId);
        if (offer is null) return; // expired or withdrawn in the meantime: the outcome is the same
        if (offer.AgentId != agentId) throw ConversationException.Conflict($"Offer {offerId} was made to another agent.");

        // The place it frees is the agent's to fill: it asks every shard it serves (AgentAvailable) and takes the best.
        State.Offers.Remove(offer);
        Find(offer.SessionId)?.Excluded.Add(agentId);
        _dirty = true;
        _logger.LogDebug("Agent {Agent} declined offer {Offer} for {Session}: {Reason}", agentId, offerId, offer.SessionId, reason);
        BackgroundCalls.Forget(Session(offer.SessionId).OnOfferEnded(agentId, offerId), _logger, "OnOfferEnded", offer.SessionId);

        var now = Now;
        await DispatchAsync(now);
        PushPositions(now);
        await SaveAsync();
    }

    public async Task RecordHandleTime(TimeSpan handleTime)
    {
        if (handleTime < TimeSpan.Zero) throw ConversationException.BadRequest($"A handle time cannot be negative ({handleTime}).");
        State.HandledCount++;
        State.HandledSeconds += handleTime.TotalSeconds;
        _dirty = true;
        PushPositions(Now);
        await SaveAsync();
    }

    public Task ShareWaiting(int shard, WaitingDigest digest)
    {
        if (digest is null) throw ConversationException.BadRequest("A digest is required.");
        if (shard < 0 || shard >= _options.ShardCount || shard == _shard)
        {
            throw ConversationException.BadRequest($"Shard {shard} is not another shard of {_queue} (0 to {_options.ShardCount - 1}, not {_shard}).");
        }

        var now = Now;
        _siblings.Update(shard, digest, now);
        // The other shards moved: so may this shard's customers' places. Nothing here to write.
        if (State.Waiting.Count > 0) PushPositions(now);
        return Task.CompletedTask;
    }

    public Task<QueueSnapshot> GetSnapshot()
    {
        var ordered = Ordered(Now);
        return Task.FromResult(new QueueSnapshot(
            _key,
            State.Waiting.Count,
            State.Agents.Count,
            State.Agents.Count(a => a.FreeCapacity > 0),
            State.Offers.Count,
            ordered.Select(w => w.Session.SessionId).ToList()));
    }

    // ---- time ----

    public Task ReceiveReminder(string reminderName, TickStatus status) => WakeAsync();

    private async Task WakeAsync()
    {
        var now = Now;
        await ExpireOffersAsync(now);
        await OverflowAsync(now);
        await ReturnWhenNobodyServesAsync(now);
        PruneMoved(now);
        await DispatchAsync(now);
        PushPositions(now);
        await SaveAsync();
    }

    private async Task ExpireOffersAsync(DateTimeOffset now)
    {
        foreach (var offer in State.Offers.Where(o => o.ExpiresAt <= now).ToList())
        {
            State.Offers.Remove(offer);
            Find(offer.SessionId)?.Excluded.Add(offer.AgentId);
            _dirty = true;
            _logger.LogInformation("Offer {Offer} of {Session} to {Agent} expired", offer.OfferId, offer.SessionId, offer.AgentId);

            // Waited for, so that an agent set away by this expiry refuses the next offer of this very turn.
            try
            {
                await Agent(offer.AgentId).RevokeOffer(offer.OfferId, "expired", true);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Revoking expired offer {Offer} from {Agent} failed", offer.OfferId, offer.AgentId);
            }

            BackgroundCalls.Forget(Session(offer.SessionId).OnOfferEnded(offer.AgentId, offer.OfferId), _logger, "OnOfferEnded", offer.SessionId);
        }
    }

    private async Task OverflowAsync(DateTimeOffset now)
    {
        if (_isGeneral || _options.OverflowAfter <= TimeSpan.Zero) return;
        var due = State.Waiting.Where(w => OverflowDue(w) <= now && !HasOffer(w.SessionId)).ToList();
        foreach (var waiting in due)
        {
            if (!await MoveToGeneralAsync(waiting, now)) waiting.OverflowRetryAt = now + _options.OverflowAfter;
            _dirty = true;
        }
    }

    private async Task ReturnWhenNobodyServesAsync(DateTimeOffset now)
    {
        if (State.Agents.Count > 0 || State.Waiting.Count == 0)
        {
            if (State.NoAgentsSince is not null) _dirty = true;
            State.NoAgentsSince = null;
            return;
        }

        if (State.NoAgentsSince is not { } since)
        {
            State.NoAgentsSince = now;
            _dirty = true;
            return;
        }

        if (since + NoAgentsGrace > now) return;

        foreach (var waiting in State.Waiting.ToList())
        {
            if (!_isGeneral && await MoveToGeneralAsync(waiting, now)) continue;
            State.Waiting.Remove(waiting);
            _logger.LogInformation("No agent serves {Queue}: {Session} goes back to the bot", _queue, waiting.SessionId);
            BackgroundCalls.Forget(Session(waiting.SessionId).OnQueueAbandoned("no_agents_online"), _logger, "OnQueueAbandoned", waiting.SessionId);
        }

        State.NoAgentsSince = null;
        _dirty = true;
    }

    /// <summary>Hands the session to <c>general:&lt;language&gt;</c>; false when that queue would not take it.</summary>
    private async Task<bool> MoveToGeneralAsync(WaitingSession waiting, DateTimeOffset now)
    {
        var general = QueueNames.Of(GeneralSkill, _language);
        var target = GrainFactory.GetQueueShard(general, waiting.SessionId, _options.ShardCount);
        QueueTicket ticket;
        try
        {
            ticket = await target.Enqueue(new QueueEntry(
                waiting.SessionId, waiting.Summary, waiting.EnqueuedAt, waiting.PriorityBoost + waiting.Escalation, waiting.Angry, waiting.SlaAtRisk));
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Overflow of {Session} from {Queue} to {General} failed", waiting.SessionId, _queue, general);
            return false;
        }

        if (!ticket.Accepted) return false;

        State.Waiting.Remove(waiting);
        State.Moved[waiting.SessionId] = new MovedSession { ShardKey = QueueNames.ShardKey(general, QueueNames.ShardOf(waiting.SessionId, _options.ShardCount)), MovedAt = now };
        _dirty = true;
        _logger.LogInformation("{Session} overflowed from {Queue} to {General}", waiting.SessionId, _queue, general);
        // One-way calls to a session run in the order sent: the new queue first, then the position in it.
        BackgroundCalls.Forget(Session(waiting.SessionId).OnQueueChanged(general), _logger, "OnQueueChanged", waiting.SessionId);
        BackgroundCalls.Forget(Session(waiting.SessionId).OnQueuePosition(ticket.Position, ticket.EtaSeconds), _logger, "OnQueuePosition", waiting.SessionId);
        return true;
    }

    private void PruneMoved(DateTimeOffset now)
    {
        foreach (var (sessionId, moved) in State.Moved.Where(m => m.Value.MovedAt + MovedMemory <= now).ToList())
        {
            State.Moved.Remove(sessionId);
            _dirty = true;
        }
    }

    // ---- routing ----

    /// <summary>Offers waiting sessions, highest priority first, to the longest-idle agents with room.</summary>
    private async Task DispatchAsync(DateTimeOffset now)
    {
        if (State.Waiting.Count == 0 || !AnyAgentWithRoom()) return;
        // Agents announce room to every shard they serve, so this runs on most calls at a peak: each round takes the
        // first session in line by one scan (usually one agent has room and one offer follows), without sorting the queue.
        var offered = new HashSet<string>(State.Offers.Select(o => o.SessionId), StringComparer.Ordinal);
        while (AnyAgentWithRoom() && NextInLine(now, offered) is { } next)
        {
            var (waiting, priority) = next;
            offered.Add(waiting.SessionId);
            foreach (var agent in CandidatesFor(waiting))
            {
                if (await OfferAsync(waiting, priority, agent, now)) break;
            }
        }
    }

    /// <summary>Offers the session to the agent; false (and the agent counted as full) when it does not take it.</summary>
    private async Task<bool> OfferAsync(WaitingSession waiting, int priority, KnownAgent agent, DateTimeOffset now)
    {
        var offer = new Offer(Guid.NewGuid().ToString("N"), waiting.SessionId, _queue, priority, now + _options.OfferTimeout, waiting.Summary);
        var pending = new PendingOffer
        {
            OfferId = offer.OfferId,
            SessionId = offer.SessionId,
            AgentId = agent.AgentId,
            Priority = priority,
            ExpiresAt = offer.ExpiresAt,
        };
        State.Offers.Add(pending);
        _dirty = true;

        bool taken;
        try
        {
            taken = await Agent(agent.AgentId).ReceiveOffer(offer);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Offering {Session} to {Agent} failed", waiting.SessionId, agent.AgentId);
            taken = false;
        }

        if (taken)
        {
            if (agent.FreeCapacity > 0) agent.FreeCapacity--;
            agent.IdleSince = now;
            BackgroundCalls.Forget(Session(waiting.SessionId).OnOffered(agent.AgentId, offer.OfferId), _logger, "OnOffered", waiting.SessionId);
            return true;
        }

        // The agent is full, away or gone; it asks again (AgentAvailable) when it has room.
        State.Offers.Remove(pending);
        agent.FreeCapacity = 0;
        return false;
    }

    /// <summary>
    /// Up to <paramref name="count"/> sessions waiting for an offer that the agent may take, first in line first: what the
    /// agent weighs against the other shards' (<see cref="AgentAvailable"/>).
    /// </summary>
    private List<WaitingCandidate> BestFor(string agentId, int count, DateTimeOffset now)
    {
        // A few open offers are checked by comparing ids (most differ in length or early on); hashing every waiting
        // session's id cost more than the rest of the look.
        var offered = State.Offers.Count <= FewOffers ? null : new HashSet<string>(State.Offers.Select(o => o.SessionId), StringComparer.Ordinal);
        // A short list kept in order (agents take a few sessions at a time, shards hold thousands); only the kept few
        // become candidates, since this runs for every waiting session on every look of every agent.
        var best = _best;
        best.Clear();
        foreach (var waiting in State.Waiting)
        {
            if ((offered?.Contains(waiting.SessionId) ?? HasOffer(waiting.SessionId)) || !MayTake(waiting, agentId)) continue;
            var entry = (waiting, PriorityOf(waiting, now));
            var at = best.Count;
            while (at > 0 && InLine(entry, best[at - 1]) < 0) at--;
            if (at >= count) continue;
            if (best.Count == count) best.RemoveAt(count - 1);
            best.Insert(at, entry);
        }

        var candidates = new List<WaitingCandidate>(best.Count);
        foreach (var (waiting, priority) in best) candidates.Add(new WaitingCandidate(waiting.SessionId, priority, waiting.EnqueuedAt));
        best.Clear();
        return candidates;
    }

    /// <summary>Whether the session may be offered to the agent: not one who let it go, unless everyone serving the shard did.</summary>
    private bool MayTake(WaitingSession waiting, string agentId) =>
        waiting.Excluded.Count == 0 || !waiting.Excluded.Contains(agentId) || ExcludedByEveryone(waiting);

    // Apart from MayTake, which runs for every waiting session an agent looks at: the lambda's closure is allocated on
    // entry to the method that declares it, and most sessions excluded nobody.
    private bool ExcludedByEveryone(WaitingSession waiting) => State.Agents.TrueForAll(a => waiting.Excluded.Contains(a.AgentId));

    /// <summary>
    /// Agents with room who may get this session, longest idle first. Those who declined it or let it expire are
    /// left out while anyone else serves the shard; when they are all that serve it, they get it again.
    /// </summary>
    private List<KnownAgent> CandidatesFor(WaitingSession waiting)
    {
        var withRoom = State.Agents.FindAll(static a => a.FreeCapacity > 0);
        var fresh = waiting.Excluded.Count == 0 ? withRoom : withRoom.FindAll(a => !waiting.Excluded.Contains(a.AgentId));
        if (fresh.Count == 0 && withRoom.Count > 0 && State.Agents.TrueForAll(a => waiting.Excluded.Contains(a.AgentId)))
        {
            waiting.Excluded.Clear();
            fresh = withRoom;
        }

        fresh.Sort(static (a, b) =>
        {
            var byIdle = a.IdleSince.CompareTo(b.IdleSince);
            return byIdle != 0 ? byIdle : string.CompareOrdinal(a.AgentId, b.AgentId);
        });
        return fresh;
    }

    /// <summary>
    /// The waiting sessions, first to be served first: highest priority, then longest waiting, then by id. The list
    /// is reused (positions are pushed on most turns at a peak): it is valid until the next call.
    /// </summary>
    private List<(WaitingSession Session, int Priority)> Ordered(DateTimeOffset now)
    {
        _ordered.Clear();
        foreach (var waiting in State.Waiting) _ordered.Add((waiting, PriorityOf(waiting, now)));
        _ordered.Sort(static (a, b) => InLine(a, b));
        return _ordered;
    }

    /// <summary>The first in line (as <see cref="Ordered"/> would put it) among the sessions not in <paramref name="skip"/>.</summary>
    private (WaitingSession Session, int Priority)? NextInLine(DateTimeOffset now, HashSet<string> skip)
    {
        (WaitingSession Session, int Priority)? first = null;
        foreach (var waiting in State.Waiting)
        {
            if (skip.Contains(waiting.SessionId)) continue;
            var candidate = (waiting, PriorityOf(waiting, now));
            if (first is not { } best || InLine(candidate, best) < 0) first = candidate;
        }

        return first;
    }

    private static int InLine((WaitingSession Session, int Priority) a, (WaitingSession Session, int Priority) b) =>
        QueueOrder.Compare(a.Priority, a.Session.EnqueuedAt, a.Session.SessionId, b.Priority, b.Session.EnqueuedAt, b.Session.SessionId);

    private bool AnyAgentWithRoom()
    {
        foreach (var agent in State.Agents)
        {
            if (agent.FreeCapacity > 0) return true;
        }

        return false;
    }

    private static int PriorityOf(WaitingSession waiting, DateTimeOffset now) => QueuePriority.Of(
        waiting.Summary.Tier,
        waiting.Angry,
        waiting.Summary.Sentiment,
        waiting.SlaAtRisk,
        waiting.PriorityBoost + waiting.Escalation,
        waiting.Summary.PreviousSessionId is not null,
        now - waiting.EnqueuedAt);

    // ---- position and wait estimate ----

    private QueueTicket TicketFor(string sessionId, DateTimeOffset now)
    {
        var ordered = Ordered(now);
        var index = ordered.FindIndex(p => p.Session.SessionId == sessionId);
        if (index < 0) return new QueueTicket(Accepted: true, _queue, Position: 0, EtaSeconds: 0, NoAgentsOnline: false);
        var waiting = ordered[index].Session;
        var position = PositionOf(index, waiting, now);
        var eta = EtaSeconds(position);
        // The caller gets these in the ticket; only later changes are pushed.
        waiting.LastPosition = position;
        waiting.LastEtaSeconds = eta;
        waiting.LastPushedAt = now;
        return new QueueTicket(Accepted: true, _queue, position, eta, NoAgentsOnline: false);
    }

    /// <summary>Position × average handle time ÷ agents serving the shard, rounded up.</summary>
    private int EtaSeconds(int position)
    {
        var handleSeconds = State.HandledCount > 0 ? State.HandledSeconds / State.HandledCount : _options.DefaultHandleSeconds;
        var serving = Math.Max(1, State.Agents.Count);
        return (int)Math.Ceiling(position * handleSeconds / serving);
    }

    /// <summary>
    /// The place in the whole queue of the session at <paramref name="index"/> of this shard's line: the sessions ahead of it
    /// here, and those ahead of it in the other shards as their latest digests tell.
    /// </summary>
    private int PositionOf(int index, WaitingSession waiting, DateTimeOffset now) =>
        _options.ShardCount == 1
            ? index + 1
            : index + 1 + _siblings.Ahead(at => PriorityOf(waiting, at), waiting.EnqueuedAt, waiting.SessionId, now, 3 * _options.PositionShareInterval);

    /// <summary>Tells each waiting customer whose position or estimate changed; far-back positions at most every few seconds.</summary>
    private void PushPositions(DateTimeOffset now)
    {
        var ordered = Ordered(now);
        for (var i = 0; i < ordered.Count; i++)
        {
            var waiting = ordered[i].Session;
            // Far back in this shard is far back in the queue: not even worked out while its last word is fresh.
            if (i >= PositionsAlwaysPushed && waiting.LastPushedAt is { } told && now - told < PositionThrottle) continue;
            var position = PositionOf(i, waiting, now);
            var eta = EtaSeconds(position);
            if (position == waiting.LastPosition && eta == waiting.LastEtaSeconds) continue;
            if (position > PositionsAlwaysPushed && waiting.LastPushedAt is { } last && now - last < PositionThrottle) continue;

            waiting.LastPosition = position;
            waiting.LastEtaSeconds = eta;
            waiting.LastPushedAt = now;
            BackgroundCalls.Forget(Session(waiting.SessionId).OnQueuePosition(position, eta), _logger, "OnQueuePosition", waiting.SessionId);
        }
    }

    // ---- persistence, timer, reminder ----

    /// <summary>Ends every turn that changed something: the gauge, the state write (now, or batched after <see cref="QueueOptions.SaveDelay"/>), the wake-up.</summary>
    private async Task SaveAsync()
    {
        ReportQueued();
        if (_dirty)
        {
            if (_options.SaveDelay <= TimeSpan.Zero)
            {
                await FlushAsync();
            }
            else if (!_saveScheduled)
            {
                _saveScheduled = true;
                if (_save is null)
                {
                    _save = RegisterGrainTimer(
                        static (self, _) => self.FlushAsync(),
                        this,
                        new GrainTimerCreationOptions(_options.SaveDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
                }
                else
                {
                    _save.Change(_options.SaveDelay, Timeout.InfiniteTimeSpan);
                }
            }
        }

        ArmSharing();
        await ArmWakeAsync();
    }

    /// <summary>
    /// While sessions wait here (and once more when none do any longer), a timer shares this shard's line with the other
    /// shards of the queue every <see cref="QueueOptions.PositionShareInterval"/>.
    /// </summary>
    private void ArmSharing()
    {
        if (_options.ShardCount == 1 || _share is not null || (State.Waiting.Count == 0 && _sharedEmpty)) return;
        _share = RegisterGrainTimer(
            static (self, _) => self.ShareAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.Zero, _options.PositionShareInterval) { KeepAlive = true });
    }

    private Task ShareAsync()
    {
        var now = Now;
        var digest = SiblingLines.Digest(Ordered(now), now);
        for (var shard = 0; shard < _options.ShardCount; shard++)
        {
            if (shard == _shard) continue;
            var key = QueueNames.ShardKey(_queue, shard);
            BackgroundCalls.Forget(GrainFactory.GetGrain<IQueueGrain>(key).ShareWaiting(_shard, digest), _logger, "ShareWaiting", key);
        }

        _sharedEmpty = digest.Count == 0;
        if (_sharedEmpty)
        {
            _share?.Dispose();
            _share = null;
        }

        return Task.CompletedTask;
    }

    private async Task FlushAsync()
    {
        _saveScheduled = false;
        if (!_dirty) return;
        _dirty = false;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }

    private void ReportQueued()
    {
        var delta = State.Waiting.Count - _countedQueued;
        if (delta == 0) return;
        _stats.Queued(delta);
        _countedQueued = State.Waiting.Count;
    }

    /// <summary>
    /// Arms the one timer for the next thing due (an offer expiring, an overflow, the no-agents grace, or the
    /// heartbeat), and while anything waits keeps a durable reminder so the shard wakes after a restart too.
    /// </summary>
    private async Task ArmWakeAsync()
    {
        var busy = State.Waiting.Count > 0 || State.Offers.Count > 0;
        if (!busy)
        {
            _wake?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_watching != false)
            {
                var reminder = await GetReminder(WatchReminder);
                if (reminder is not null) await UnregisterReminder(reminder);
                _watching = false;
            }

            return;
        }

        var now = Now;
        var next = now + Heartbeat;
        foreach (var offer in State.Offers)
        {
            if (offer.ExpiresAt < next) next = offer.ExpiresAt;
        }

        if (!_isGeneral && _options.OverflowAfter > TimeSpan.Zero)
        {
            foreach (var waiting in State.Waiting)
            {
                var due = OverflowDue(waiting);
                if (due < next && !HasOffer(waiting.SessionId)) next = due;
            }
        }

        if (State.NoAgentsSince is { } since && since + NoAgentsGrace < next) next = since + NoAgentsGrace;

        TimeProvider.AimAt(next, dueTime =>
        {
            if (_wake is null)
            {
                _wake = RegisterGrainTimer(
                    static (self, _) => self.WakeAsync(),
                    this,
                    new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { KeepAlive = true });
            }
            else
            {
                _wake.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        });

        if (_watching != true)
        {
            await RegisterOrUpdateReminder(WatchReminder, WatchPeriod, WatchPeriod);
            _watching = true;
        }
    }

    // ---- helpers ----

    private DateTimeOffset OverflowDue(WaitingSession waiting) => waiting.OverflowRetryAt ?? waiting.ArrivedAt + _options.OverflowAfter;

    private async Task WithdrawOfferAsync(PendingOffer offer, string reason)
    {
        // The agent fills the place it gets back itself (it looks for work when the offer is revoked).
        State.Offers.Remove(offer);
        _dirty = true;
        try
        {
            await Agent(offer.AgentId).RevokeOffer(offer.OfferId, reason, false);
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Withdrawing offer {Offer} from {Agent} failed", offer.OfferId, offer.AgentId);
        }

        BackgroundCalls.Forget(Session(offer.SessionId).OnOfferEnded(offer.AgentId, offer.OfferId), _logger, "OnOfferEnded", offer.SessionId);
    }

    private WaitingSession? Find(string sessionId) => State.Waiting.Find(w => w.SessionId == sessionId);

    private KnownAgent? FindAgent(string agentId) => State.Agents.Find(a => a.AgentId == agentId);

    // A loop, not Exists with a lambda: looks call this for every waiting session, and the lambda's closure is an allocation.
    private bool HasOffer(string sessionId)
    {
        foreach (var offer in State.Offers)
        {
            if (string.Equals(offer.SessionId, sessionId, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private IAgentGrain Agent(string agentId) => GrainFactory.GetGrain<IAgentGrain>(agentId);

    private ISessionGrain Session(string sessionId) => GrainFactory.GetGrain<ISessionGrain>(sessionId);
}
