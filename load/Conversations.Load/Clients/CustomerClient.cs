using System.Diagnostics;
using System.Globalization;
using Conversations.Client;
using Conversations.Load.Measurement;
using Conversations.Load.Protocol;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Clients;

/// <summary>
/// One simulated shopper, doing what the web widget does: token → connect → <c>StartSession</c> → <c>SendMessage</c> with a
/// <c>clientMessageId</c>, waiting for the ack and the bot's answer; asking for a person, chatting with the agent,
/// rating and closing; reconnecting and resuming; fetching history on a seq gap.
/// </summary>
public sealed class CustomerClient : IAsyncDisposable
{
    private const int MaximumSendAttempts = 6;
    private const int MaximumConnectAttempts = 6;
    private const int HistoryPage = 500;
    private const int MaximumAuditThrottles = 20;

    private readonly LoadContext _context;
    private readonly IReadOnlyList<string> _orderIds;
    private readonly Random _random;
    private readonly SessionInbox _inbox = new();
    private readonly List<SessionLedger> _sessions = [];
    private readonly string _language;
    private readonly bool _ownsOrders;
    private HubConnection? _connection;
    private string? _token;
    private int _sessionNumber;
    private int _messageNumber;
    private bool _handedOff;
    private long _handoffAt;

    /// <param name="ownsOrders">The order ids are real orders of this customer (demo data), so StartSession may name one as the web widget does from an order page.</param>
    public CustomerClient(LoadContext context, string customerId, IReadOnlyList<string> orderIds, int seed, bool ownsOrders = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(orderIds);
        _context = context;
        CustomerId = customerId;
        _orderIds = orderIds.Count > 0 ? orderIds : ["2026111100000000"];
        _random = new Random(seed);
        _ownsOrders = ownsOrders;
        _language = Pick(context.Scenario.Customers.Languages);
    }

    public string CustomerId { get; }

    public bool Connected => _connection?.State == HubConnectionState.Connected;

    private CustomerBehaviour Behaviour => _context.Scenario.Customers;

    private RunMetrics Metrics => _context.Metrics;

    /// <summary>Gets a token and connects; false (and counted) when that failed after retries.</summary>
    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < MaximumConnectAttempts; attempt++)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                _token ??= await _context.Tokens.GetTokenAsync("customer", CustomerId, cancellationToken);
                var connection = new HubConnection(_context.CustomerHub, _context.ConnectionOptions(_token));
                connection.On<ConversationEvent>("Event", OnEvent);
                connection.Closed += _ => Metrics.ConnectionClosed();
                await connection.StartAsync(cancellationToken);
                Metrics.ConnectionOpened();
                _connection = connection;
                Metrics.Record(Latency.Connect, Stopwatch.GetElapsedTime(started));
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Metrics.Increment(Counter.ConnectFailures);
                if (!_context.CountFailure(ex, "connect"))
                {
                    return false;
                }

                await BackoffAsync(attempt, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>Holds conversations, one after another, until <see cref="LoadContext.Stopping"/>; then returns (in-flight turns finish).</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        CancellationToken stopping = _context.Stopping;
        try
        {
            while (!stopping.IsCancellationRequested && !abort.IsCancellationRequested)
            {
                ConversationKind kind = PickKind();
                if (!await HoldConversationAsync(kind, stopping, abort))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || abort.IsCancellationRequested)
        {
            // The load phase is over.
        }
    }

    /// <summary>Replays recorded messages of this customer at their times (seconds after <paramref name="elapsed"/> zero).</summary>
    public async Task ReplayAsync(IReadOnlyList<TraceMessage> messages, Func<double> elapsed, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(elapsed);
        CancellationToken stopping = _context.Stopping;
        try
        {
            SessionLedger? ledger = null;
            foreach (TraceMessage message in messages)
            {
                double wait = message.AtSeconds - elapsed();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), stopping);
                }

                ledger ??= await StartSessionAsync(message.Channel, message.Language, message.OrderId, abort);
                if (ledger is null)
                {
                    return;
                }

                await SendTurnAsync(ledger, message.Text, expectBot: !_handedOff, abort);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || abort.IsCancellationRequested)
        {
            // The replay was cut short by the duration.
        }
    }

    /// <summary>Reads every session's transcript back from seq 0 and compares it with what was sent and acknowledged.</summary>
    public async Task<(TranscriptAudit Audit, int Sessions, int Unreadable)> AuditAsync(CancellationToken cancellationToken)
    {
        TranscriptAudit total = TranscriptAudit.Empty;
        int unreadable = 0;
        SessionLedger[] sessions;
        lock (_sessions)
        {
            sessions = [.. _sessions];
        }

        foreach (SessionLedger session in sessions)
        {
            IReadOnlyList<ConversationEvent>? transcript = await ReadTranscriptAsync(session.SessionId, cancellationToken);
            if (transcript is null)
            {
                unreadable++;
                continue;
            }

            IReadOnlyList<SentMessage> sent = session.Snapshot();
            TranscriptAudit audit = TranscriptAuditor.Audit(sent, transcript, session.BaseSeq);
            if (audit.Lost > 0)
            {
                _context.AddExamples(TranscriptAuditor.ExplainLost(session.SessionId, sent, transcript));
            }

            total = total.Plus(audit);
        }

        return (total, sessions.Length, unreadable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    private async Task<bool> HoldConversationAsync(ConversationKind kind, CancellationToken stopping, CancellationToken abort)
    {
        string orderId = _orderIds[_random.Next(_orderIds.Count)];
        IReadOnlyList<string> openers = kind.Openers.TryGetValue(_language, out IReadOnlyList<string>? o) ? o : kind.Openers.Values.First();
        string opener = Fill(openers[_random.Next(openers.Count)], orderId);
        bool aboutOrder = openers.Any(t => t.Contains("{orderId}", StringComparison.Ordinal));

        var texts = new List<string> { opener };
        if (kind.FollowUps.TryGetValue(_language, out IReadOnlyList<string>? followUps) && followUps.Count > 0)
        {
            int count = _random.Next(kind.MinFollowUps, kind.MaxFollowUps + 1);
            for (int i = 0; i < count; i++)
            {
                texts.Add(Fill(followUps[_random.Next(followUps.Count)], orderId));
            }
        }

        await ThinkAsync(stopping);
        await TakePermitAsync(stopping);
        SessionLedger? ledger = await StartSessionAsync(Pick(Behaviour.Channels), _language, _ownsOrders && aboutOrder && _random.NextDouble() < 0.5 ? orderId : null, abort);
        if (ledger is null)
        {
            return Connected;
        }

        for (int i = 0; i < texts.Count; i++)
        {
            if (i > 0)
            {
                await ThinkAsync(stopping);
                await TakePermitAsync(stopping);
            }

            if (!await SendTurnAsync(ledger, texts[i], expectBot: !_handedOff, abort))
            {
                return Connected;
            }

            if (Behaviour.ReconnectProbability > 0 && _random.NextDouble() < Behaviour.ReconnectProbability)
            {
                // A shopper's phone drops off Wi-Fi: a new connection, StartSession resumes, history fills the gap.
                if (!await ReconnectAsync(abort))
                {
                    return false;
                }
            }
        }

        // A customer the engine handed off (anger, low confidence) waits for the agent too, instead of leaving at once.
        if ((kind.Handoff != HandoffMode.None || _handedOff) && !_context.EchoServer)
        {
            await HandOffAsync(ledger, kind, stopping, abort);
        }

        // Close, then rate: the engine takes a rating once the session is resolved or closed.
        await InvokeCountedAsync<StatusResult>("CloseSession", new SessionRequest(ledger.SessionId), Counter.SessionsClosed, abort);
        if (Behaviour.RateSessionProbability > 0 && _random.NextDouble() < Behaviour.RateSessionProbability)
        {
            await InvokeCountedAsync<OkResult>("RateSession", new RateSessionRequest(ledger.SessionId, _random.Next(3, 6), null), Counter.Ratings, abort);
        }

        Metrics.Increment(Counter.ConversationsCompleted);
        return true;
    }

    private async Task HandOffAsync(SessionLedger ledger, ConversationKind kind, CancellationToken stopping, CancellationToken abort)
    {
        if (!_handedOff)
        {
            // The web widget's "talk to a person" button; an angry customer presses it when the bot did not hand off.
            _handoffAt = Stopwatch.GetTimestamp();
            _context.HandoffStartedAt[ledger.SessionId] = _handoffAt;
            StatusResult? result = await InvokeAsync<StatusResult>("RequestAgent", new RequestAgentRequest(ledger.SessionId, kind.Name), abort);
            if (result is null)
            {
                return;
            }

            _handedOff = true;
            Metrics.Increment(Counter.Handoffs);
        }

        if (_context.Permits is null)
        {
            // Saturation (--rate max): agents are people, and their pace is not the engine's. Waiting for one would
            // bound the closed loop by agent capacity, so the customer leaves; the handoff, offer and revocation
            // are still the engine's work.
            Metrics.Increment(Counter.AgentWaitsSkipped);
            return;
        }

        var joined = await WaitForAgentAsync(ledger, stopping, abort);
        if (joined is null)
        {
            Metrics.Increment(Counter.AssignmentTimeouts);
            return;
        }

        Metrics.Increment(Counter.Assignments);

        // Timed only when this run saw the handoff happen (not for a session resumed already queued or assigned).
        if (_handoffAt != 0 && joined.Value.ReceivedAt >= _handoffAt)
        {
            Metrics.Record(Latency.Assignment, Stopwatch.GetElapsedTime(_handoffAt, joined.Value.ReceivedAt));
        }

        AgentBehaviour agents = _context.Scenario.Agents;
        TimeSpan replyWait = TimeSpan.FromSeconds(agents.ReplyDelaySeconds.Max + 30);
        long afterSeq = joined.Value.Event.Seq;
        for (int turn = 0; turn < Behaviour.AgentTurns && !stopping.IsCancellationRequested; turn++)
        {
            long since = afterSeq;
            var reply = await _inbox.WaitAsync(e => e.Role == "agent" && e.Kind == "message" && e.Seq > since, replyWait, stopping);
            if (reply is null)
            {
                break;
            }

            afterSeq = reply.Value.Event.Seq;
            await ThinkAsync(stopping);
            await TakePermitAsync(stopping);
            string text = _language == "zh" ? "好的，谢谢，那大概什么时候能处理好？" : "OK, thanks — when will it be sorted out?";
            if (!await SendTurnAsync(ledger, text, expectBot: false, abort))
            {
                return;
            }
        }

        TimeSpan resolveWait = TimeSpan.FromSeconds((agents.ReplyDelaySeconds.Max * (agents.RepliesPerSession + 1)) + agents.ResolveAfterSeconds.Max + 30);
        await _inbox.WaitAsync(
            e => e.Kind is "csat_request" or "closed" || (e.Kind == "status" && e.Status is "resolved" or "closed"),
            resolveWait,
            stopping);
    }

    /// <summary>
    /// Waits for an agent as shoppers do: every think time without one, a "still there?" (taking a permit like any
    /// message, so a long queue does not starve the offered rate); after the patience, gives up (null).
    /// </summary>
    private async Task<(ConversationEvent Event, long ReceivedAt)?> WaitForAgentAsync(SessionLedger ledger, CancellationToken stopping, CancellationToken abort)
    {
        long started = Stopwatch.GetTimestamp();
        TimeSpan patience = TimeSpan.FromSeconds(Behaviour.AssignmentTimeoutSeconds);
        while (true)
        {
            TimeSpan left = patience - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            TimeSpan nudgeAfter = TimeSpan.FromTicks(Math.Min(left.Ticks, ThinkTime().Ticks));
            var joined = await _inbox.WaitAsync(e => e.Kind == "agent_joined", nudgeAfter, stopping);
            if (joined is not null || Stopwatch.GetElapsedTime(started) >= patience)
            {
                return joined;
            }

            await TakePermitAsync(stopping);
            string text = _language == "zh" ? "在吗？还要等多久啊" : "Hello? Is anyone there?";
            if (!await SendTurnAsync(ledger, text, expectBot: false, abort))
            {
                return null;
            }
        }
    }

    private static bool IsHandoff(ConversationEvent e) =>
        e.Kind is "queue_position" or "agent_joined" || (e.Kind == "status" && e.Status is "queued" or "assigned");

    private async Task<SessionLedger?> StartSessionAsync(string channel, string language, string? orderId, CancellationToken abort)
    {
        StartSessionResult? session = await InvokeAsync<StartSessionResult>("StartSession", new StartSessionRequest(channel, language, orderId), abort);
        if (session is null)
        {
            return null;
        }

        Metrics.Increment(Counter.SessionsStarted);
        if (session.Resumed)
        {
            Metrics.Increment(Counter.SessionsResumed);
        }

        _sessionNumber++;
        _messageNumber = 0;
        _handedOff = session.Status is "queued" or "assigned";
        _handoffAt = 0;
        _inbox.Reset(session.SessionId, session.LastSeq);
        var ledger = new SessionLedger(session.SessionId, session.LastSeq);
        lock (_sessions)
        {
            _sessions.Add(ledger);
        }

        return ledger;
    }

    /// <summary>Sends one message (retrying with the same clientMessageId), then waits for the bot when one should answer.</summary>
    private async Task<bool> SendTurnAsync(SessionLedger ledger, string text, bool expectBot, CancellationToken abort)
    {
        string clientMessageId = string.Create(CultureInfo.InvariantCulture, $"{_context.RunId}-{CustomerId}-{_sessionNumber}-{++_messageNumber}");
        int index = ledger.Add(clientMessageId, text);
        var request = new SendMessageRequest(ledger.SessionId, clientMessageId, text);
        long firstSent = Stopwatch.GetTimestamp();
        SendMessageResult? ack = null;
        for (int attempt = 0; attempt < MaximumSendAttempts && ack is null; attempt++)
        {
            if (attempt > 0)
            {
                Metrics.Increment(Counter.Retries);
                await BackoffAsync(attempt - 1, abort);
                if (_connection?.State != HubConnectionState.Connected && !await ReconnectAsync(abort))
                {
                    return false;
                }
            }

            long sent = Stopwatch.GetTimestamp();
            Metrics.Increment(Counter.MessagesSent);
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                ack = await _connection!.InvokeAsync<SendMessageResult>("SendMessage", request, timeout.Token);
                Metrics.Record(Latency.Ack, Stopwatch.GetElapsedTime(sent));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                if (!_context.CountFailure(ex, "SendMessage"))
                {
                    return true;
                }
            }
        }

        if (ack is null)
        {
            return Connected;
        }

        Metrics.Increment(Counter.MessagesAcked);
        if (ack.Duplicate)
        {
            Metrics.Increment(Counter.AcksMarkedDuplicate);
        }

        ledger.Acknowledge(index, ack.Seq);
        _inbox.Acknowledge(ledger.SessionId, ack.Seq);
        if (expectBot)
        {
            long ackSeq = ack.Seq;
            var answer = await _inbox.WaitAsync(
                e => (e.Role == "bot" && e.Seq > ackSeq) || IsHandoff(e),
                TimeSpan.FromSeconds(Behaviour.BotReplyTimeoutSeconds),
                abort);
            if (answer is null)
            {
                Metrics.Increment(Counter.BotReplyTimeouts);
            }
            else if (answer.Value.Event.Role == "bot")
            {
                Metrics.Increment(Counter.BotReplies);
                Metrics.Record(Latency.BotReply, Stopwatch.GetElapsedTime(firstSent, Math.Max(firstSent, answer.Value.ReceivedAt)));
            }

            if (_inbox.Any(IsHandoff) && !_handedOff)
            {
                // The engine handed off on its own (anger, low confidence, "转人工" in the text).
                _handedOff = true;
                _handoffAt = _inbox.Any(IsHandoff) && await _inbox.WaitAsync(IsHandoff, TimeSpan.Zero, abort) is { } seen ? seen.ReceivedAt : Stopwatch.GetTimestamp();
                _context.HandoffStartedAt[ledger.SessionId] = _handoffAt;
                Metrics.Increment(Counter.Handoffs);
            }
        }

        return true;
    }

    private async Task<bool> ReconnectAsync(CancellationToken abort)
    {
        Metrics.Increment(Counter.Reconnects);
        await DisposeAsync();
        if (!await ConnectAsync(abort))
        {
            return false;
        }

        string? previous = _inbox.SessionId;
        if (previous is null)
        {
            return true;
        }

        StartSessionResult? resumed = await InvokeAsync<StartSessionResult>("StartSession", new StartSessionRequest("web", _language, null), abort);
        if (resumed is null)
        {
            return Connected;
        }

        if (resumed.SessionId != previous && !_context.EchoServer)
        {
            // The contract says StartSession resumes the open session; a new one means the old one was dropped.
            Metrics.Error("RESUME_NEW_SESSION");
            return true;
        }

        await FetchGapAsync(_inbox.LastSeq);
        return true;
    }

    private void OnEvent(ConversationEvent e)
    {
        if (e.Role == "agent" && e.Kind == "message")
        {
            Metrics.Increment(Counter.AgentRepliesDelivered);
            TimeSpan delivery = DateTimeOffset.UtcNow - e.At;
            Metrics.Record(Latency.AgentReplyDelivery, delivery < TimeSpan.Zero ? TimeSpan.Zero : delivery);
        }

        if (_inbox.Deliver(e))
        {
            _ = FetchGapLaterAsync();
        }
    }

    /// <summary>
    /// A push may overtake the ack of the customer's own message, so a gap is only fetched if it is still open a moment
    /// later, as the web widget does.
    /// </summary>
    private async Task FetchGapLaterAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        if (_inbox.FirstMissing() is { } missing)
        {
            await FetchGapAsync(missing - 1);
        }
    }

    private async Task FetchGapAsync(long afterSeq)
    {
        string? sessionId = _inbox.SessionId;
        HubConnection? connection = _connection;
        if (sessionId is null || connection is null)
        {
            return;
        }

        Metrics.Increment(Counter.GapsRefetched);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            ConversationEvent[] missing = await connection.InvokeAsync<ConversationEvent[]>(
                "GetHistory", new GetHistoryRequest(sessionId, afterSeq, HistoryPage), timeout.Token);
            foreach (ConversationEvent e in missing)
            {
                _inbox.Deliver(e);
            }
        }
        catch (Exception ex) when (ex is not HubConnectionClosedException || ReferenceEquals(connection, _connection))
        {
            _context.CountFailure(ex, "GetHistory");
        }
        catch (HubConnectionClosedException)
        {
            // The connection was replaced (a reconnect) while fetching; the new one catches up on its own.
        }
    }

    private async Task<IReadOnlyList<ConversationEvent>?> ReadTranscriptAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_context.EchoServer)
        {
            return null;
        }

        int throttled = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (_connection?.State != HubConnectionState.Connected && !await ConnectAsync(cancellationToken))
            {
                return null;
            }

            try
            {
                var all = new List<ConversationEvent>();
                long after = 0;
                while (true)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    ConversationEvent[] page = await _connection!.InvokeAsync<ConversationEvent[]>(
                        "GetHistory", new GetHistoryRequest(sessionId, after, HistoryPage), timeout.Token);
                    all.AddRange(page);
                    long last = page.Length == 0 ? after : page.Max(e => e.Seq);

                    // A short page, or one that does not move forward, ends the transcript (and the loop).
                    if (page.Length < HistoryPage || last <= after)
                    {
                        return all;
                    }

                    after = last;
                }
            }
            catch (HubInvocationException limited) when (limited.Code == "E_RATE_LIMITED" && throttled < MaximumAuditThrottles)
            {
                // The audit reads fast and meets the per-connection rate limit: it slows down like any client should.
                Metrics.Increment(Counter.AuditThrottled);
                throttled++;
                attempt--;
                await BackoffAsync(Math.Min(throttled, 4), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!_context.CountFailure(ex, "GetHistory"))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private async Task<T?> InvokeAsync<T>(string method, object argument, CancellationToken abort)
        where T : class
    {
        for (int attempt = 0; attempt < MaximumSendAttempts; attempt++)
        {
            if (attempt > 0)
            {
                Metrics.Increment(Counter.Retries);
                await BackoffAsync(attempt - 1, abort);
                if (_connection?.State != HubConnectionState.Connected && !await ConnectAsync(abort))
                {
                    return null;
                }
            }

            if (_connection is null)
            {
                return null;
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                return await _connection.InvokeAsync<T>(method, argument, timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                if (attempt > 0 && ex is HubInvocationException { Code: "E_CONFLICT" } && method is "CloseSession" or "RateSession")
                {
                    // The attempt that timed out or was refused on its way back had gone through: the session is already
                    // closed or rated. What a client retrying a one-time action expects, not an error.
                    Metrics.Increment(Counter.RetriesFoundDone);
                    return null;
                }

                if (!_context.CountFailure(ex, method))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private async Task InvokeCountedAsync<T>(string method, object argument, Counter counter, CancellationToken abort)
        where T : class
    {
        if (await InvokeAsync<T>(method, argument, abort) is not null)
        {
            Metrics.Increment(counter);
        }
    }

    private async Task ThinkAsync(CancellationToken stopping)
    {
        if (_context.Permits is null)
        {
            stopping.ThrowIfCancellationRequested();
            return;
        }

        TimeSpan think = ThinkTime();
        if (think > TimeSpan.Zero)
        {
            await Task.Delay(think, stopping);
        }
    }

    /// <summary>A think time; during a spike customers write faster (the sale just opened), so it shrinks with the rate.</summary>
    private TimeSpan ThinkTime()
    {
        ArrivalCurve arrival = _context.Scenario.Arrival;
        double pace = arrival.Rate / Math.Max(arrival.Rate, arrival.RateAt(Metrics.Elapsed));
        return Behaviour.ThinkSeconds.Sample(_random) * pace;
    }

    private async Task TakePermitAsync(CancellationToken stopping)
    {
        if (_context.Permits is { } permits)
        {
            await permits.WaitAsync(stopping);
        }
    }

    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        double seconds = Math.Min(5, 0.2 * Math.Pow(2, attempt)) * (0.5 + (_random.NextDouble() / 2));
        return Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
    }

    private ConversationKind PickKind()
    {
        IReadOnlyList<ConversationKind> mix = _context.Scenario.Mix;
        double roll = _random.NextDouble() * mix.Sum(k => k.Weight);
        foreach (ConversationKind kind in mix)
        {
            roll -= kind.Weight;
            if (roll < 0)
            {
                return kind;
            }
        }

        return mix[^1];
    }

    private string Pick(IReadOnlyList<Weighted<string>> choices)
    {
        double roll = _random.NextDouble() * choices.Sum(c => c.Weight);
        foreach (Weighted<string> choice in choices)
        {
            roll -= choice.Weight;
            if (roll < 0)
            {
                return choice.Value;
            }
        }

        return choices[^1].Value;
    }

    private static string Fill(string template, string orderId) => template.Replace("{orderId}", orderId, StringComparison.Ordinal);
}
