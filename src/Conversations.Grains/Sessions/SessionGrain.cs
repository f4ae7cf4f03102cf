using Conversations.Abstractions;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Sessions.Internal;
using Conversations.Grains.Sla;
using Conversations.Grains.Stats;
using Conversations.Grains.Transcripts;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Sessions;

/// <summary>
/// One conversation: the single writer of its transcript (seq without gaps, clientMessageId
/// deduplication, acknowledged once durable), its status machine, handoff, SLA clocks, CSAT and pushes.
/// </summary>
/// <remarks>
/// Calls to agents and observers are never awaited inside a turn: an agent grain calls sessions while
/// serving its own turns (accept, reply, transfer, resolve), so awaiting it back would deadlock.
/// Calls to the queue and the customer are awaited; neither waits on a session (the queue's
/// notifications are one-way, the customer grain is reentrant).
/// <para>
/// SLA: one "sla" reminder aimed at the next warning or deadline. A warning while assigned is pushed to
/// the agent only, as an <c>sla_warning</c> event with seq 0 (not stored: it is not part of the customer's
/// conversation); while queued it raises the session's priority instead. A breach is stored as an
/// <c>sla_breach</c> event (sender system), counted, and escalated: higher priority in the queue, or, when
/// the agent let a response deadline pass, the session is taken back and queued again avoiding that agent. A
/// resolution breach while assigned takes the session back too if the customer is waiting for the agent's answer;
/// while the agent is answering it stays with the agent and its priority rises for any later queueing.
/// </para>
/// </remarks>
public sealed class SessionGrain : Grain, ISessionGrain, IRemindable
{
    private const string SlaReminder = "sla";
    private const string IdleReminder = "idle";
    private const int RecentCapacity = 50;
    private const int TrailLength = 10;
    private const int MaxEndedOffers = 64;
    private static readonly TimeSpan SlaReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly Sender SystemSender = new(SenderRoles.System);
    private static readonly Sender BotSender = new(SenderRoles.Bot);

    private readonly IPersistentState<SessionState> _state;
    private readonly ITranscriptStore _transcripts;
    private readonly IConversationBot _bot;
    private readonly SessionOptions _options;
    private readonly SlaOptions _sla;
    private readonly QueueOptions _queues;
    private readonly ConversationStats _stats;
    private readonly ILogger<SessionGrain> _logger;

    // Rebuilt from the transcript store on activation (see EnsureIndexAsync), never persisted per message.
    private readonly Dictionary<string, long> _dedupe = new(StringComparer.Ordinal);
    private readonly List<ConversationEvent> _recent = [];
    private readonly Dictionary<string, string> _offers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _endedOffers = new(StringComparer.Ordinal);
    private bool _indexLoaded;
    private bool _recentLoaded;
    private long _lastSeq;
    private DateTimeOffset _lastCustomerActivity;
    private DateTimeOffset? _lastQueueNotice;
    private int _queuePosition;
    private int _queueEta;
    private bool _dirty;

    public SessionGrain(
        [PersistentState("session")] IPersistentState<SessionState> state,
        ITranscriptStore transcripts,
        IConversationBot bot,
        IOptions<SessionOptions> options,
        IOptions<SlaOptions> sla,
        IOptions<QueueOptions> queues,
        ConversationStats stats,
        ILogger<SessionGrain> logger)
    {
        _state = state;
        _transcripts = transcripts;
        _bot = bot;
        _options = options.Value;
        _sla = sla.Value;
        _queues = queues.Value;
        _stats = stats;
        _logger = logger;
    }

    private SessionState S => _state.State;

    private string SessionId => GetPrimaryKeyString();

    private bool Opened => S.CustomerId is not null;

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Intent and sentiment trails and the clarification streak change per message and are only worth a write on the way out.
        if (_dirty && Opened)
        {
            try
            {
                await _state.WriteStateAsync();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Session {SessionId} could not save its state on deactivation", SessionId);
            }
        }
    }

    // ---------------------------------------------------------------- customer-facing

    public async Task<SessionSnapshot> Open(SessionOpening opening)
    {
        if (opening is null) throw ConversationException.BadRequest("opening is required.");
        var customerId = SessionInput.Id(opening.CustomerId, "customerId");
        var channel = SessionInput.Id(opening.Channel, "channel", 32).Trim().ToLowerInvariant();
        var language = SessionInput.Language(opening.Language);
        var tier = (opening.Tier ?? string.Empty).Trim().ToLowerInvariant();
        if (!CustomerTiers.IsKnown(tier)) throw ConversationException.BadRequest($"tier '{opening.Tier}' is not one of regular, vip, svip.");
        var orderId = SessionInput.Note(opening.OrderId, "orderId", 64);

        if (Opened)
        {
            if (!string.Equals(S.CustomerId, customerId, StringComparison.Ordinal)) throw ConversationException.Forbidden("This session belongs to another customer.");
            await EnsureIndexAsync();
            return Snapshot();
        }

        var now = Now;
        S.CustomerId = customerId;
        S.Channel = channel;
        S.Language = language;
        S.Tier = tier;
        S.OrderId = orderId;
        S.StartedAt = now;
        SetStatus(SessionStatus.Bot);
        await EnsureIndexAsync();
        _lastCustomerActivity = now;
        await ArmIdleAsync();
        await WriteAsync();
        _stats.SessionStarted();

        var welcome = await WelcomeAsync();
        var drafts = BotDrafts(welcome.Replies);
        if (drafts.Count > 0) await AppendAsync(drafts);
        return Snapshot();
    }

    public async Task<SessionSnapshot> GetSnapshot()
    {
        RequireOpened();
        await EnsureIndexAsync();
        return Snapshot();
    }

    public async Task<PostResult> PostCustomerMessage(string customerId, string clientMessageId, string text)
    {
        var customer = SessionInput.Id(customerId, "customerId");
        var messageId = SessionInput.ClientMessageId(clientMessageId);
        var body = SessionInput.Text(text);
        RequireCustomer(customer);
        await EnsureIndexAsync();
        if (_dedupe.TryGetValue(DedupeKey(SenderRoles.Customer, customer, messageId), out var seq)) return new PostResult(seq, true);
        if (S.Status is SessionStatus.Closed or SessionStatus.Abandoned) throw ConversationException.Conflict($"The session is {Name(S.Status)}; start a new one.");

        var stored = await AppendAsync([new EventDraft(EventKinds.Message, new Sender(SenderRoles.Customer, customer), body, null, messageId)]);
        _lastCustomerActivity = stored[0].At;
        // The bot's answer (or the SLA clock) follows in a turn of its own, so the ack waits for nothing but durability.
        Observe(AsReference<ISessionGrain>().ProcessCustomerMessage(stored[0].Seq, body), "follow-up", SessionId);
        return new PostResult(stored[0].Seq, false);
    }

    public async Task<PostResult> PostAgentMessage(string agentId, string clientMessageId, string text)
    {
        var agent = SessionInput.Id(agentId, "agentId");
        var messageId = SessionInput.ClientMessageId(clientMessageId);
        var body = SessionInput.Text(text);
        RequireOpened();
        await EnsureIndexAsync();
        if (_dedupe.TryGetValue(DedupeKey(SenderRoles.Agent, agent, messageId), out var seq)) return new PostResult(seq, true);
        if (!string.Equals(S.AgentId, agent, StringComparison.Ordinal)) throw ConversationException.Forbidden("Only the agent assigned to this session may write in it.");
        if (S.Status != SessionStatus.Assigned) throw ConversationException.Conflict($"The session is {Name(S.Status)}; it no longer takes agent messages.");

        var stored = await AppendAsync([new EventDraft(EventKinds.Message, new Sender(SenderRoles.Agent, agent, S.AgentName), body, null, messageId)]);
        // Only an answer that is stored counts: a failed append leaves the clocks running.
        var now = stored[0].At;
        var clocksChanged = false;
        if (S.Sla.FirstRespondedAt is null)
        {
            S.Sla.FirstRespondedAt = now;
            _stats.FirstResponse(now - (S.QueuedAt ?? S.AssignedAt ?? now));
            clocksChanged = true;
        }

        clocksChanged |= S.Sla.Stop(SlaClocks.FirstResponse);
        clocksChanged |= S.Sla.Stop(SlaClocks.NextResponse);
        // The stopped clocks need no reminder change: when it fires with nothing due it re-arms or goes away.
        if (clocksChanged) await WriteAsync();
        return new PostResult(stored[0].Seq, false);
    }

    public async Task ProcessCustomerMessage(long seq, string text)
    {
        if (!Opened || string.IsNullOrEmpty(text)) return;
        await EnsureIndexAsync();
        switch (S.Status)
        {
            case SessionStatus.Resolved:
                await ReopenAsync();
                await BotTurnAsync(text);
                break;
            case SessionStatus.Bot:
                await BotTurnAsync(text);
                break;
            case SessionStatus.Queued:
                await QueueNoticeAsync();
                break;
            case SessionStatus.Assigned:
                await StartNextResponseClockAsync();
                break;
        }
    }

    public async Task<IReadOnlyList<ConversationEvent>> GetHistory(long afterSeq, int limit)
    {
        if (afterSeq < 0) throw ConversationException.BadRequest("afterSeq must not be negative.");
        if (limit is < 1 or > 1000) throw ConversationException.BadRequest("limit must be between 1 and 1000.");
        RequireOpened();
        return await _transcripts.ReadAsync(SessionId, afterSeq, limit);
    }

    public async Task<SessionStatus> RequestAgent(string customerId, string? reason)
    {
        var customer = SessionInput.Id(customerId, "customerId");
        var note = SessionInput.Note(reason, "reason", 500);
        RequireCustomer(customer);
        await EnsureIndexAsync();
        switch (S.Status)
        {
            case SessionStatus.Queued or SessionStatus.Assigned:
                return S.Status;
            case SessionStatus.Closed or SessionStatus.Abandoned:
                throw ConversationException.Conflict($"The session is {Name(S.Status)}; start a new one.");
            case SessionStatus.Resolved:
                await ReopenAsync();
                break;
        }

        return await HandOffAsync(HandoffReasons.CustomerRequest, null, 0, note is null ? null : $"Customer says: {note}");
    }

    public async Task<SessionStatus> Close(string customerId)
    {
        var customer = SessionInput.Id(customerId, "customerId");
        RequireCustomer(customer);
        await EnsureIndexAsync();
        if (S.Status is SessionStatus.Closed or SessionStatus.Abandoned) throw ConversationException.Conflict($"The session is already {Name(S.Status)}.");
        await EndAsync(SessionStatus.Closed, "customer");
        return S.Status;
    }

    public async Task Rate(string customerId, int score, string? comment)
    {
        var customer = SessionInput.Id(customerId, "customerId");
        SessionInput.Score(score);
        var note = SessionInput.Note(comment, "comment");
        RequireCustomer(customer);
        if (S.Csat is not null) throw ConversationException.Conflict("The session has already been rated.");
        if (S.Status is not (SessionStatus.Resolved or SessionStatus.Closed))
        {
            throw ConversationException.Conflict($"A session can be rated once it is resolved or closed; it is {Name(S.Status)}.");
        }

        S.Csat = new CsatRating(score, note, Now);
        await WriteAsync();
        _stats.CsatRated(score);
        // A resolved and rated session is done for the customer: the next StartSession opens a new one.
        if (S.Status == SessionStatus.Resolved) await TellCustomerEndedAsync();
        // Rated is the customer's last word: a rating usually brought the session back from storage, and kept until
        // idle collection (15 minutes) every rated session of a sale day would stay in memory.
        DeactivateOnIdle();
    }

    public Task<bool> IsVisibleToAgent(string agentId)
    {
        if (string.IsNullOrEmpty(agentId) || !Opened) return Task.FromResult(false);
        var assigned = string.Equals(S.AgentId, agentId, StringComparison.Ordinal) && S.Status is SessionStatus.Assigned or SessionStatus.Resolved;
        return Task.FromResult(assigned || _offers.ContainsValue(agentId));
    }

    // ---------------------------------------------------------------- queues and agents

    public Task OnOffered(string agentId, string offerId)
    {
        if (string.IsNullOrEmpty(agentId) || string.IsNullOrEmpty(offerId) || S.Status != SessionStatus.Queued) return Task.CompletedTask;
        _offers[offerId] = agentId;
        _endedOffers.Remove(offerId);
        return Task.CompletedTask;
    }

    public Task OnOfferEnded(string agentId, string offerId)
    {
        if (string.IsNullOrEmpty(offerId)) return Task.CompletedTask;
        _offers.Remove(offerId);
        if (_endedOffers.Count >= MaxEndedOffers) _endedOffers.Clear();
        _endedOffers.Add(offerId);
        return Task.CompletedTask;
    }

    public async Task<AssignmentResult> AssignAgent(string agentId, string agentName, string offerId)
    {
        var agent = SessionInput.Id(agentId, "agentId");
        var name = SessionInput.Note(agentName, "agentName", 100) ?? agent;
        var offer = SessionInput.Id(offerId, "offerId");
        RequireOpened();
        if (S.Status != SessionStatus.Queued) throw ConversationException.Conflict($"The session is {Name(S.Status)}, not waiting for an agent.");
        if (_endedOffers.Contains(offer)) throw ConversationException.Conflict($"Offer {offer} has ended.");
        // After a reactivation the session knows no offers; the queue has already checked this one on accept.
        if (_offers.Count > 0 && !(_offers.TryGetValue(offer, out var offeredTo) && offeredTo == agent))
        {
            throw ConversationException.Conflict($"Offer {offer} was not made to agent {agent}.");
        }

        await EnsureIndexAsync();
        var now = Now;
        SetStatus(SessionStatus.Assigned);
        S.AgentId = agent;
        S.AgentName = name;
        S.AssignedAt = now;
        _offers.Clear();
        _endedOffers.Clear();
        // The agent owes the customer an answer from now on: the first-response clock if it still runs, else this one.
        if (!S.Sla.IsRunning(SlaClocks.FirstResponse)) S.Sla.Start(SlaClocks.NextResponse, now, Policy().NextResponse, _sla.WarningFraction);
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();

        await AppendAsync(
        [
            new EventDraft(EventKinds.AgentJoined, SystemSender, SessionTexts.AgentJoined(S.Language, name), EventData.Of(new { agentId = agent, name })),
            StatusDraft(SessionStatus.Assigned),
        ]);
        var history = await _transcripts.ReadAsync(SessionId, Math.Max(0, _lastSeq - _options.AssignmentHistoryEvents), _options.AssignmentHistoryEvents);
        return new AssignmentResult(SessionId, S.Summary ?? await SummaryAsync(HandoffReasons.CustomerRequest, null, null), history);
    }

    public async Task OnQueuePosition(int position, int etaSeconds)
    {
        if (!Opened || S.Status != SessionStatus.Queued || position < 1) return;
        etaSeconds = Math.Max(0, etaSeconds);
        if (position == _queuePosition && Math.Abs(etaSeconds - _queueEta) < 30) return;
        _queuePosition = position;
        _queueEta = etaSeconds;
        await AppendAsync([QueuePositionDraft(position, etaSeconds)]);
    }

    public async Task OnQueueAbandoned(string reason)
    {
        if (!Opened || S.Status != SessionStatus.Queued) return;
        await EnsureIndexAsync();
        await BackToBotAsync(SessionInput.Note(reason, "reason", 200) ?? "queue_abandoned", []);
    }

    public async Task OnQueueChanged(string queue)
    {
        if (!Opened || S.Status != SessionStatus.Queued || !QueueNames.TryParse(queue, out _, out _) || queue == S.Queue) return;
        S.Queue = queue;
        await WriteAsync();
    }

    public async Task<SessionStatus> Transfer(string agentId, string queue)
    {
        var agent = SessionInput.Id(agentId, "agentId");
        if (!QueueNames.TryParse(queue, out _, out _)) throw ConversationException.BadRequest($"'{queue}' is not a queue; queues are <skill>:<language>, e.g. aftersales:zh.");
        RequireAssignedAgent(agent);
        await EnsureIndexAsync();

        var previous = S.Summary ?? await SummaryAsync(HandoffReasons.Transfer, null, null);
        var summary = previous with
        {
            Reason = HandoffReasons.Transfer,
            LastMessages = await LastMessagesAsync(),
            Note = Join(previous.Note, $"Transferred from {S.Queue} by {S.AgentName ?? agent}."),
        };
        var (ticket, enqueuedAt) = await EnqueueAsync(queue, summary, S.PriorityBoost, slaAtRisk: false, avoidAgentId: agent);
        if (!ticket.Accepted || ticket.NoAgentsOnline)
        {
            // Nothing changed: the queue did not take it, so the session stays with this agent.
            throw ConversationException.Conflict($"No agent is online for queue {queue}; the session stays with you.");
        }

        var handleTime = Now - (S.AssignedAt ?? Now);
        TellAgent(agent, a => a.OnSessionEnded(SessionId, handleTime, handled: false), "session ended (transfer)");
        var left = AgentLeftDraft(agent, S.AgentName, "transfer");
        ClearAgent();
        await EnterQueueAsync(ValidQueueOr(ticket.Queue, queue), summary, S.PriorityBoost, ticket, enqueuedAt, [left], agent);
        return S.Status;
    }

    public async Task<SessionStatus> Resolve(string agentId, string resolution)
    {
        var agent = SessionInput.Id(agentId, "agentId");
        var code = SessionInput.Id(resolution, "resolution", 64);
        RequireAssignedAgent(agent);
        await EnsureIndexAsync();

        var now = Now;
        var handleTime = now - (S.AssignedAt ?? now);
        SetStatus(SessionStatus.Resolved);
        S.Resolution = code;
        S.Sla.StopAll();
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();
        _stats.Handled(handleTime);
        TellAgent(agent, a => a.OnSessionEnded(SessionId, handleTime, handled: true), "session ended (resolved)");

        await AppendAsync(
        [
            new EventDraft(EventKinds.Status, SystemSender, null, EventData.Of(new { status = Name(SessionStatus.Resolved), resolution = code })),
            new EventDraft(EventKinds.CsatRequest, SystemSender, SessionTexts.CsatRequest(S.Language), EventData.Of(new { scale = 5 })),
        ], agent);
        return S.Status;
    }

    public async Task ReleaseAgent(string agentId, string reason)
    {
        var agent = SessionInput.Id(agentId, "agentId");
        var why = SessionInput.Note(reason, "reason", 200) ?? "agent_offline";
        // Already someone else's, or no one's: nothing to give back (the agent may retry after a failure).
        if (!Opened || S.Status != SessionStatus.Assigned || S.AgentId != agent) return;
        await EnsureIndexAsync();
        await ReclaimAsync(HandoffReasons.AgentLeft, _options.AgentLeftPriorityBoost, tellAgent: false, why);
    }

    // ---------------------------------------------------------------- push

    public async Task Subscribe(Subscriber subscriber)
    {
        if (subscriber?.Observer is null) throw ConversationException.BadRequest("subscriber and its observer are required.");
        var connectionId = SessionInput.Id(subscriber.ConnectionId, "connectionId");
        RequireOpened();
        S.Subscribers.RemoveAll(s => s.ConnectionId == connectionId);
        S.Subscribers.Add(subscriber with { ConnectionId = connectionId });
        if (S.Subscribers.Count > _options.MaxSubscribers) S.Subscribers.RemoveRange(0, S.Subscribers.Count - _options.MaxSubscribers);
        await WriteAsync();
    }

    public async Task Unsubscribe(string connectionId)
    {
        if (string.IsNullOrEmpty(connectionId) || !Opened) return;
        if (S.Subscribers.RemoveAll(s => s.ConnectionId == connectionId) > 0) await WriteAsync();
    }

    // ---------------------------------------------------------------- reminders

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (reminderName)
        {
            case SlaReminder:
                await OnSlaReminderAsync();
                break;
            case IdleReminder:
                await OnIdleReminderAsync();
                break;
            default:
                await UnregisterAsync(reminderName);
                break;
        }
    }

    private async Task OnSlaReminderAsync()
    {
        var now = Now;
        // It fired, so it is still registered but armed in the past: ArmSlaAsync re-arms or removes it.
        S.Sla.ArmedFor = now;
        if (!Opened || IsEnded)
        {
            await UnregisterAsync(SlaReminder);
            S.Sla.StopAll();
            S.Sla.ArmedFor = null;
            if (Opened) await WriteAsync();
            return;
        }

        await EnsureIndexAsync();
        var alarms = S.Sla.TakeDue(now);
        var breaches = new List<EventDraft>();
        foreach (var alarm in alarms)
        {
            var data = EventData.Of(new { clock = alarm.Clock, due = alarm.Due, status = Name(S.Status) });
            if (alarm.IsBreach)
            {
                _stats.SlaBreached();
                breaches.Add(new EventDraft(EventKinds.SlaBreach, SystemSender, null, data));
                continue;
            }

            _stats.SlaWarned();
            if (S.Status == SessionStatus.Assigned && S.AgentId is { } agent)
            {
                // Ephemeral (seq 0): for the agent's eyes, not part of the customer's transcript.
                var warning = new ConversationEvent(SessionId, 0, EventKinds.SlaWarning, SystemSender, null, now, data);
                TellAgent(agent, a => a.DeliverEvent(warning), "SLA warning");
            }
        }

        var escalation = SlaEscalation.For(S.Status, alarms, S.Sla, _sla);
        if (breaches.Count > 0) await AppendAsync(breaches);
        if (escalation.ReclaimReason is { } why)
        {
            await ReclaimAsync(HandoffReasons.SlaEscalation, _sla.ReclaimPriorityBoost, tellAgent: true, why);
            return;
        }

        S.PriorityBoost += escalation.KeptBoost;
        if (escalation.QueueBoost > 0 && S.Status == SessionStatus.Queued && S.Queue is { } queue)
        {
            S.PriorityBoost += escalation.QueueBoost;
            try
            {
                await QueueShard(queue).Escalate(SessionId, escalation.QueueBoost);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Session {SessionId} could not escalate in queue {Queue}", SessionId, queue);
            }
        }

        await ArmSlaAsync();
        await WriteAsync();
    }

    private async Task OnIdleReminderAsync()
    {
        S.IdleArmedFor = Now;
        if (!Opened)
        {
            await UnregisterAsync(IdleReminder);
            return;
        }

        await EnsureIndexAsync();
        if (IdleRule() is { } rule && Now - rule.Since >= rule.Timeout)
        {
            switch (S.Status)
            {
                case SessionStatus.Bot:
                    await EndAsync(SessionStatus.Closed, "idle");
                    return;
                case SessionStatus.Queued:
                    await EndAsync(SessionStatus.Abandoned, "queue_timeout");
                    return;
                case SessionStatus.Resolved:
                    await EndAsync(SessionStatus.Closed, "resolved");
                    return;
            }
        }

        // Not idle long enough (the customer wrote meanwhile): aim at the new deadline.
        await ArmIdleAsync();
        _dirty = true;
    }

    // ---------------------------------------------------------------- conversation steps

    private async Task BotTurnAsync(string text)
    {
        BotTurn turn;
        try
        {
            turn = await _bot.RespondAsync(await BotContextAsync(), text, CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The bot failed to answer in session {SessionId}", SessionId);
            turn = new BotTurn([new BotReply(EventKinds.Message, SessionTexts.BotUnavailable(S.Language))], null, null, null, LowConfidence: true);
        }

        var topicChanged = false;
        if (turn.Analysis is { } analysis)
        {
            if (IntentSkills.IsTopical(analysis.Intent) || S.Intent is null)
            {
                topicChanged = S.Intent != analysis.Intent && IntentSkills.IsTopical(analysis.Intent);
                S.Intent = analysis.Intent;
            }

            S.Sentiment = analysis.Sentiment;
            Trail(S.IntentTrail, analysis.Intent);
            Trail(S.SentimentTrail, analysis.Sentiment);
            _dirty = true;
        }

        if (turn.OrderId is { Length: > 0 and <= 64 } orderId && orderId != S.OrderId)
        {
            S.OrderId = orderId;
            topicChanged = true;
            // The order the customer is on about: kept like the trails, written on the way out at the latest.
            _dirty = true;
        }

        var streak = turn.LowConfidence ? S.LowConfidenceStreak + 1 : 0;
        var streakChanged = streak != S.LowConfidenceStreak;
        S.LowConfidenceStreak = streak;

        var replies = BotDrafts(turn.Replies);
        if (replies.Count > 0) await AppendAsync(replies);
        if (topicChanged) await RecordTopicAsync();

        if (turn.Handoff is { } handoff)
        {
            await HandOffAsync(string.IsNullOrWhiteSpace(handoff.Reason) ? HandoffReasons.CustomerRequest : handoff.Reason, handoff.Skill, handoff.PriorityBoost, handoff.Note);
        }
        else if (S.LowConfidenceStreak >= _options.LowConfidenceLimit)
        {
            // The bot keeps guessing: a person does better than a third clarifying question.
            await HandOffAsync(HandoffReasons.LowConfidence, null, 0, null);
        }
        else if (streakChanged)
        {
            // Like the trails: losing a clarification streak to a crash costs one more question, not a write per message.
            _dirty = true;
        }
    }

    private async Task<SessionStatus> HandOffAsync(string reason, string? skill, int priorityBoost, string? note)
    {
        var queue = QueueNames.Of(IntentSkills.Resolve(skill, S.Intent), S.Language);
        var priority = Math.Max(0, priorityBoost);
        // A repeated contact is weighed once, by the queue's priority function (summary.PreviousSessionId).
        var summary = await SummaryAsync(reason, note, S.OrderId);
        _stats.HandoffRequested();
        S.LowConfidenceStreak = 0;

        var (ticket, enqueuedAt) = await EnqueueAsync(queue, summary, priority, slaAtRisk: false);
        if (!ticket.Accepted || ticket.NoAgentsOnline)
        {
            S.Summary = summary;
            await WriteAsync();
            var text = ticket.NoAgentsOnline ? SessionTexts.NoAgentOnline(S.Language) : SessionTexts.QueueFull(S.Language);
            await AppendAsync([BotMessage(text)]);
            return S.Status;
        }

        await EnterQueueAsync(ValidQueueOr(ticket.Queue, queue), summary, priority, ticket, enqueuedAt, [], null);
        return S.Status;
    }

    private async Task EnterQueueAsync(string queue, HandoffSummary summary, int priority, QueueTicket ticket, DateTimeOffset now, IReadOnlyList<EventDraft> before, string? alsoToAgent)
    {
        SetStatus(SessionStatus.Queued);
        S.Queue = queue;
        S.QueuedAt = now;
        S.Summary = summary;
        S.PriorityBoost = priority;
        S.Handoffs++;
        var policy = Policy();
        if (S.Sla.FirstRespondedAt is null && !S.Sla.IsRunning(SlaClocks.FirstResponse) && !S.Sla.Breaches.Contains(SlaClocks.FirstResponse))
        {
            S.Sla.Start(SlaClocks.FirstResponse, now, policy.FirstResponse, _sla.WarningFraction);
        }

        if (!S.Sla.IsRunning(SlaClocks.Resolution) && !S.Sla.Breaches.Contains(SlaClocks.Resolution))
        {
            S.Sla.Start(SlaClocks.Resolution, now, policy.Resolution, _sla.WarningFraction);
        }

        S.Sla.Stop(SlaClocks.NextResponse);
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();

        _queuePosition = ticket.Position;
        _queueEta = ticket.EtaSeconds;
        _lastQueueNotice = now;
        await AppendAsync([.. before, StatusDraft(SessionStatus.Queued), QueuePositionDraft(ticket.Position, ticket.EtaSeconds)], alsoToAgent);
    }

    /// <summary>Takes the session back from its agent and queues it again with more priority (agent offline, or silent past the SLA).</summary>
    private async Task ReclaimAsync(string handoffReason, int boost, bool tellAgent, string why)
    {
        var agent = S.AgentId!;
        var name = S.AgentName;
        var handleTime = Now - (S.AssignedAt ?? Now);
        var priority = S.PriorityBoost + boost;
        var queue = S.Queue ?? QueueNames.Of("general", S.Language);
        var previous = S.Summary ?? await SummaryAsync(handoffReason, null, S.OrderId);
        var summary = previous with
        {
            Reason = handoffReason,
            LastMessages = await LastMessagesAsync(),
            Note = Join(previous.Note, $"Taken back from {name ?? agent}: {why}."),
        };
        if (tellAgent) TellAgent(agent, a => a.OnSessionEnded(SessionId, handleTime, handled: false), "session taken back");

        var left = AgentLeftDraft(agent, name, why);
        ClearAgent();
        QueueTicket ticket;
        var enqueuedAt = Now;
        try
        {
            (ticket, enqueuedAt) = await EnqueueAsync(queue, summary, priority, slaAtRisk: true, avoidAgentId: agent);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Session {SessionId} could not go back to queue {Queue}", SessionId, queue);
            ticket = new QueueTicket(false, queue, 0, 0, NoAgentsOnline: true);
        }

        if (!ticket.Accepted || ticket.NoAgentsOnline)
        {
            await BackToBotAsync(why, [left], agent);
            return;
        }

        await EnterQueueAsync(ValidQueueOr(ticket.Queue, queue), summary, priority, ticket, enqueuedAt, [left], agent);
    }

    private async Task BackToBotAsync(string reason, IReadOnlyList<EventDraft> before, string? alsoToAgent = null)
    {
        SetStatus(SessionStatus.Bot);
        S.Queue = null;
        S.Sla.StopAll();
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();
        await AppendAsync(
        [
            .. before,
            new EventDraft(EventKinds.Status, SystemSender, null, EventData.Of(new { status = Name(SessionStatus.Bot), reason })),
            BotMessage(SessionTexts.NoAgentOnline(S.Language)),
        ], alsoToAgent);
    }

    private async Task ReopenAsync()
    {
        SetStatus(SessionStatus.Bot);
        S.Sla.StopAll();
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();
        await AppendAsync([new EventDraft(EventKinds.Status, SystemSender, null, EventData.Of(new { status = Name(SessionStatus.Bot), reason = "reopened" }))]);
    }

    private async Task EndAsync(SessionStatus final, string reason)
    {
        var previous = S.Status;
        var agent = S.AgentId;
        var now = Now;
        if (previous == SessionStatus.Queued && S.Queue is { } queue)
        {
            try
            {
                await QueueShard(queue).Remove(SessionId, Name(final));
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Session {SessionId} could not leave queue {Queue}", SessionId, queue);
            }
        }

        if (previous == SessionStatus.Assigned && agent is not null)
        {
            var handleTime = now - (S.AssignedAt ?? now);
            _stats.Handled(handleTime);
            TellAgent(agent, a => a.OnSessionEnded(SessionId, handleTime, handled: true), "session ended (closed)");
        }

        SetStatus(final);
        S.EndedAt = now;
        S.Sla.StopAll();
        await ArmSlaAsync();
        await ArmIdleAsync();
        await WriteAsync();
        _stats.SessionEnded(containedByBot: S.Handoffs == 0);

        await AppendAsync(
            [new EventDraft(EventKinds.Closed, SystemSender, SessionTexts.Closed(S.Language), EventData.Of(new { status = Name(final), reason }))],
            previous == SessionStatus.Assigned ? agent : null);
        await TellCustomerEndedAsync();

        // An ended session only takes a rating or a history read now, and either brings it back from storage. On
        // a sale day hundreds end every second; kept until idle collection they would fill the silo's memory.
        DeactivateOnIdle();
    }

    private async Task QueueNoticeAsync()
    {
        if (_options.QueueNoticeInterval <= TimeSpan.Zero) return;
        var now = Now;
        if (_lastQueueNotice is { } last && now - last < _options.QueueNoticeInterval) return;
        _lastQueueNotice = now;
        await AppendAsync([BotMessage(SessionTexts.StillInQueue(S.Language, _queuePosition, _queueEta))]);
    }

    private async Task StartNextResponseClockAsync()
    {
        // Already owed an answer: the clock runs from the first unanswered message, not the latest.
        if (S.Sla.IsRunning(SlaClocks.FirstResponse) || S.Sla.IsRunning(SlaClocks.NextResponse)) return;
        S.Sla.Start(SlaClocks.NextResponse, Now, Policy().NextResponse, _sla.WarningFraction);
        await ArmSlaAsync();
        await WriteAsync();
    }

    // ---------------------------------------------------------------- transcript

    /// <summary>Stores events with the next seqs, then pushes them. Nothing is pushed or counted unless stored.</summary>
    private async Task<ConversationEvent[]> AppendAsync(IReadOnlyList<EventDraft> drafts, string? alsoToAgent = null)
    {
        await EnsureIndexAsync();
        var now = Now;
        var appends = new TranscriptAppend[drafts.Count];
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i];
            appends[i] = new TranscriptAppend(new ConversationEvent(SessionId, _lastSeq + 1 + i, d.Kind, d.Sender, d.Text, now, d.Data), d.ClientMessageId);
        }

        try
        {
            await _transcripts.AppendAsync(SessionId, appends);
        }
        catch (TranscriptConflictException e)
        {
            // Another activation of this session wrote these seqs: step aside rather than fork the history.
            _logger.LogWarning(e, "Session {SessionId} lost its transcript to another activation; deactivating", SessionId);
            ForgetIndex();
            DeactivateOnIdle();
            throw ConversationException.Conflict("The session was updated elsewhere; retry.");
        }
        catch (ConversationException)
        {
            // Refused before anything was queued (E_OVERLOADED): the index is still right.
            throw;
        }
        catch (Exception e)
        {
            // The outcome is unknown (it may have been committed): read the store again before the next append, so the
            // next seq follows what is really stored. Nothing was acknowledged, and a message sent again with the same
            // clientMessageId is stored once whichever way this went, so the caller is told to retry.
            ForgetIndex();
            throw new ConversationException($"{ErrorCodes.Overloaded}: the conversation could not be stored just now; retry (a message sent again with the same clientMessageId is stored once).", e);
        }

        var events = new ConversationEvent[appends.Length];
        for (var i = 0; i < appends.Length; i++)
        {
            var (e, clientMessageId) = appends[i];
            events[i] = e;
            if (clientMessageId is not null) _dedupe[DedupeKey(e.Sender.Role, e.Sender.Id, clientMessageId)] = e.Seq;
        }

        _lastSeq += events.Length;
        if (_recentLoaded)
        {
            _recent.AddRange(events);
            if (_recent.Count > RecentCapacity) _recent.RemoveRange(0, _recent.Count - RecentCapacity);
        }

        _stats.MessageStored(events.Length);
        Push(events, alsoToAgent);
        return events;
    }

    /// <summary>Loads last seq, deduplication and last customer activity from the transcript store once per activation.</summary>
    private async Task EnsureIndexAsync()
    {
        if (_indexLoaded) return;
        var index = await _transcripts.ReadIndexAsync(SessionId);
        _dedupe.Clear();
        _lastSeq = index.LastSeq;
        _lastCustomerActivity = S.StartedAt;
        foreach (var message in index.ClientMessages)
        {
            _dedupe[DedupeKey(message.SenderRole, message.SenderId, message.ClientMessageId)] = message.Seq;
            if (message.SenderRole == SenderRoles.Customer && message.At > _lastCustomerActivity) _lastCustomerActivity = message.At;
        }

        _recent.Clear();
        _recentLoaded = index.LastSeq == 0;
        _indexLoaded = true;
    }

    private void ForgetIndex()
    {
        _indexLoaded = false;
        _recentLoaded = false;
        _recent.Clear();
    }

    private async Task<IReadOnlyList<ConversationEvent>> RecentAsync(int count)
    {
        await EnsureIndexAsync();
        if (!_recentLoaded)
        {
            var events = await _transcripts.ReadAsync(SessionId, Math.Max(0, _lastSeq - RecentCapacity), RecentCapacity);
            _recent.Clear();
            _recent.AddRange(events);
            _recentLoaded = true;
        }

        return _recent.Count <= count ? [.. _recent] : _recent.GetRange(_recent.Count - count, count);
    }

    private async Task<IReadOnlyList<ConversationEvent>> LastMessagesAsync()
    {
        var recent = await RecentAsync(RecentCapacity);
        // Summaries are shown to agents in queues: personal data in them is masked the bot's way.
        var messages = recent.Where(e => e.Kind == EventKinds.Message).TakeLast(_options.SummaryMessages)
            .Select(e => e.Text is null ? e : e with { Text = _bot.MaskPersonalData(e.Text) });
        return [.. messages];
    }

    private static string DedupeKey(string role, string? senderId, string clientMessageId) => $"{role}\u001f{senderId}\u001f{clientMessageId}";

    // ---------------------------------------------------------------- push

    private void Push(ConversationEvent[] events, string? alsoToAgent)
    {
        var agent = S.Status == SessionStatus.Assigned ? S.AgentId : null;
        var self = S.Subscribers.Count > 0 ? AsReference<ISessionGrain>() : null;
        foreach (var e in events)
        {
            foreach (var subscriber in S.Subscribers) PushTo(subscriber, e, self!);
            if (agent is not null) TellAgent(agent, a => a.DeliverEvent(e), "event");
            if (alsoToAgent is not null && alsoToAgent != agent) TellAgent(alsoToAgent, a => a.DeliverEvent(e), "event");
        }
    }

    private void PushTo(Subscriber subscriber, ConversationEvent e, ISessionGrain self)
    {
        Task push;
        try
        {
            push = subscriber.Observer.OnEvent(subscriber.ConnectionId, e);
        }
        catch (Exception ex)
        {
            push = Task.FromException(ex);
        }

        if (!push.IsCompletedSuccessfully) _ = WatchPushAsync(push, subscriber.ConnectionId, self);
    }

    private async Task WatchPushAsync(Task push, string connectionId, ISessionGrain self)
    {
        var sessionId = SessionId;
        try
        {
            await push.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObserverNotFoundException or SiloUnavailableException)
        {
            // The connection's server is gone: stop pushing to it (as a turn of its own, through the grain).
            Observe(self.Unsubscribe(connectionId), "unsubscribe", sessionId);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "Push of session {SessionId} to connection {ConnectionId} failed", sessionId, connectionId);
        }
    }

    private void TellAgent(string agentId, Func<IAgentGrain, Task> call, string what)
    {
        Task task;
        try
        {
            task = call(GrainFactory.GetGrain<IAgentGrain>(agentId));
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }

        Observe(task, what, agentId);
    }

    private void Observe(Task task, string what, string target)
    {
        if (task.IsCompletedSuccessfully) return;
        _ = ObserveAsync(task, what, target, SessionId);
    }

    private async Task ObserveAsync(Task task, string what, string target, string sessionId)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Session {SessionId}: {What} to {Target} failed", sessionId, what, target);
        }
    }

    // ---------------------------------------------------------------- reminders

    private bool IsEnded => S.Status is SessionStatus.Closed or SessionStatus.Abandoned;

    /// <summary>Keeps the one "sla" reminder aimed at the next warning or deadline, or removes it when no clock runs.</summary>
    private async Task ArmSlaAsync()
    {
        var next = S.Sla.NextAlarm();
        var now = Now;
        if (next is null)
        {
            if (S.Sla.ArmedFor is not null)
            {
                await UnregisterAsync(SlaReminder);
                S.Sla.ArmedFor = null;
            }

            return;
        }

        // An earlier (or equal) firing still ahead will find the new alarm and re-arm for it.
        if (S.Sla.ArmedFor is { } armed && armed > now && armed <= next) return;
        await RegisterOrUpdateReminder(SlaReminder, next.Value, SlaReminderPeriod);
        S.Sla.ArmedFor = next;
    }

    private (TimeSpan Timeout, DateTimeOffset Since)? IdleRule() => S.Status switch
    {
        SessionStatus.Bot => (_options.BotIdleClose, Max(_lastCustomerActivity, S.StatusSince)),
        SessionStatus.Queued => (_options.QueueAbandonAfter, Max(_lastCustomerActivity, S.StatusSince)),
        SessionStatus.Resolved => (_options.ResolvedCloseAfter, S.StatusSince),
        _ => null,
    };

    /// <summary>Aims the "idle" reminder at the moment the customer's silence would end the session (none while an agent has it).</summary>
    private async Task ArmIdleAsync()
    {
        if (IdleRule() is not { } rule)
        {
            if (S.IdleArmedFor is not null)
            {
                await UnregisterAsync(IdleReminder);
                S.IdleArmedFor = null;
            }

            return;
        }

        var due = rule.Since + rule.Timeout;
        if (S.IdleArmedFor == due) return;
        var period = rule.Timeout < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : rule.Timeout;
        await RegisterOrUpdateReminder(IdleReminder, due, period);
        S.IdleArmedFor = due;
    }

    private async Task UnregisterAsync(string name)
    {
        if (await GetReminder(name) is { } reminder) await UnregisterReminder(reminder);
    }

    // ---------------------------------------------------------------- helpers

    private static string Name(SessionStatus status) => EventData.StatusName(status);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string? Join(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second : string.IsNullOrEmpty(second) ? first : $"{first} {second}";

    private static string ValidQueueOr(string? queue, string fallback) => QueueNames.TryParse(queue, out _, out _) ? queue! : fallback;

    private static void Trail(List<string> trail, string value)
    {
        trail.Add(value);
        if (trail.Count > TrailLength) trail.RemoveRange(0, trail.Count - TrailLength);
    }

    private static EventDraft BotMessage(string text) => new(EventKinds.Message, BotSender, text);

    private static EventDraft StatusDraft(SessionStatus status) => new(EventKinds.Status, SystemSender, null, EventData.Of(new { status = Name(status) }));

    private static EventDraft QueuePositionDraft(int position, int etaSeconds) =>
        new(EventKinds.QueuePosition, SystemSender, null, EventData.Of(new { position, etaSeconds }));

    private EventDraft AgentLeftDraft(string agentId, string? name, string reason) =>
        new(EventKinds.AgentLeft, SystemSender, SessionTexts.AgentLeft(S.Language, name ?? agentId), EventData.Of(new { agentId, name = name ?? agentId, reason }));

    private static List<EventDraft> BotDrafts(IReadOnlyList<BotReply>? replies)
    {
        var drafts = new List<EventDraft>();
        foreach (var reply in replies ?? [])
        {
            if (reply is null || string.IsNullOrWhiteSpace(reply.Kind)) continue;
            var text = reply.Text is { Length: > SessionInput.MaxTextLength } tooLong ? tooLong[..SessionInput.MaxTextLength] : reply.Text;
            drafts.Add(new EventDraft(reply.Kind, BotSender, text, reply.Data));
        }

        return drafts;
    }

    private void SetStatus(SessionStatus status)
    {
        S.Status = status;
        S.StatusSince = Now;
    }

    private void ClearAgent()
    {
        S.AgentId = null;
        S.AgentName = null;
        S.AssignedAt = null;
    }

    private async Task WriteAsync()
    {
        await _state.WriteStateAsync();
        _dirty = false;
    }

    private SlaPolicy Policy() => _sla.PolicyFor(S.Queue, S.Tier);

    private IQueueGrain QueueShard(string queue) => GrainFactory.GetQueueShard(queue, SessionId, _queues.ShardCount);

    private ICustomerGrain Customer => GrainFactory.GetGrain<ICustomerGrain>(S.CustomerId!);

    /// <summary>Enqueues the session; the ticket carries when it entered the queue (the SLA clocks start then, not when the answer came back).</summary>
    private async Task<(QueueTicket Ticket, DateTimeOffset At)> EnqueueAsync(string queue, HandoffSummary summary, int priority, bool slaAtRisk, string? avoidAgentId = null)
    {
        var entry = new QueueEntry(SessionId, summary, Now, priority, S.Sentiment == "angry", slaAtRisk, avoidAgentId);
        return (await QueueShard(queue).Enqueue(entry), entry.EnqueuedAt);
    }

    private async Task<HandoffSummary> SummaryAsync(string reason, string? note, string? orderId)
    {
        string? previousSession = null;
        if (orderId is not null && await RepeatContactAsync(orderId) is { } earlier)
        {
            previousSession = earlier.SessionId;
            var about = earlier.Intent is null ? string.Empty : $", about {earlier.Intent}";
            var outcome = earlier.Summary is null ? string.Empty : $": {earlier.Summary}";
            note = Join(note, $"Repeat contact about order {orderId}: earlier session {earlier.SessionId} started {earlier.StartedAt:yyyy-MM-dd HH:mm} UTC{about}{outcome}.");
        }

        return new HandoffSummary(
            S.CustomerId!,
            S.Tier,
            S.Language,
            S.Channel,
            S.Intent ?? "other",
            S.Sentiment ?? "neutral",
            S.OrderId,
            reason,
            await LastMessagesAsync(),
            note,
            previousSession);
    }

    private async Task<SessionMemory?> RepeatContactAsync(string orderId)
    {
        try
        {
            return await Customer.FindRepeatContact(orderId, SessionId);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Session {SessionId} could not look up earlier contacts", SessionId);
            return null;
        }
    }

    private async Task RecordTopicAsync()
    {
        try
        {
            await Customer.RecordTopic(SessionId, IntentSkills.IsTopical(S.Intent) ? S.Intent : null, S.OrderId);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Session {SessionId} could not record its topic with the customer", SessionId);
        }
    }

    private async Task TellCustomerEndedAsync()
    {
        try
        {
            await Customer.OnSessionEnded(Memory());
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Session {SessionId} could not tell the customer it ended", SessionId);
        }
    }

    private SessionMemory Memory()
    {
        var parts = new List<string> { Name(S.Status) };
        if (S.Summary is { } summary) parts.Add($"handed off ({summary.Reason})");
        if (S.Resolution is { } resolution) parts.Add($"resolved: {resolution}");
        if (S.Csat is { } csat) parts.Add($"CSAT {csat.Score}/5");
        return new SessionMemory(SessionId, S.StartedAt, S.EndedAt ?? Now, S.Intent, S.OrderId, string.Join("; ", parts), S.Resolution);
    }

    private async Task<BotContext> BotContextAsync() =>
        new(SessionId, S.CustomerId!, S.Language, S.Tier, S.Channel, S.OrderId, S.LowConfidenceStreak, await RecentAsync(_options.BotContextEvents), _options.LowConfidenceLimit);

    private async Task<BotTurn> WelcomeAsync()
    {
        try
        {
            return await _bot.WelcomeAsync(await BotContextAsync(), CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "The bot failed to welcome session {SessionId}", SessionId);
            return new BotTurn([new BotReply(EventKinds.Message, SessionTexts.Welcome(S.Language))], null, null, null, LowConfidence: false);
        }
    }

    private SessionSnapshot Snapshot() => new(
        SessionId,
        S.CustomerId!,
        S.Status,
        S.Channel,
        S.Language,
        S.Queue,
        S.AgentId,
        S.Intent,
        S.Sentiment,
        S.OrderId,
        new SlaView(S.Sla.FirstResponse?.Due, S.Sla.NextResponse?.Due, S.Sla.Resolution?.Due, S.Sla.FirstRespondedAt, [.. S.Sla.Breaches]),
        S.Csat,
        _lastSeq,
        S.StartedAt);

    private void RequireOpened()
    {
        if (!Opened) throw ConversationException.NotFound($"Session {SessionId} does not exist.");
    }

    private void RequireCustomer(string customerId)
    {
        RequireOpened();
        if (!string.Equals(S.CustomerId, customerId, StringComparison.Ordinal)) throw ConversationException.Forbidden("This session belongs to another customer.");
    }

    private void RequireAssignedAgent(string agentId)
    {
        RequireOpened();
        if (!string.Equals(S.AgentId, agentId, StringComparison.Ordinal)) throw ConversationException.Forbidden("The session is not assigned to this agent.");
        if (S.Status != SessionStatus.Assigned) throw ConversationException.Conflict($"The session is {Name(S.Status)}, not assigned.");
    }
}
