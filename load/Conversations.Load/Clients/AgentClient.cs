using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Conversations.Client;
using Conversations.Load.Measurement;
using Conversations.Load.Protocol;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Clients;

/// <summary>
/// One simulated agent, doing what the agent console does: <c>GoOnline</c> with every skill and language, accept an offer
/// after a human-like delay (sometimes decline), answer the customer, resolve.
/// </summary>
public sealed class AgentClient : IAsyncDisposable
{
    private static readonly string[] s_skills = ["presales", "aftersales", "complaints", "general"];
    private static readonly string[] s_languages = ["zh", "en"];

    private readonly LoadContext _context;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private readonly ConcurrentDictionary<string, SessionWork> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _accepting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _revoked = new(StringComparer.Ordinal);
    private readonly List<Task> _work = [];
    private readonly CancellationTokenSource _stop = new();
    private HubConnection? _connection;
    private int _messageNumber;

    public AgentClient(LoadContext context, string agentId, int seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        _context = context;
        AgentId = agentId;
        _random = new Random(seed);
    }

    public string AgentId { get; }

    private AgentBehaviour Behaviour => _context.Scenario.Agents;

    private RunMetrics Metrics => _context.Metrics;

    public async Task<bool> ConnectAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                string token = await _context.Tokens.GetTokenAsync("agent", AgentId, cancellationToken);
                var connection = new HubConnection(_context.AgentHub, _context.ConnectionOptions(token));
                connection.On<OfferMessage>("Offer", OnOffer);
                connection.On<OfferRevokedMessage>("OfferRevoked", OnOfferRevoked);
                connection.On<SessionAssignedMessage>("SessionAssigned", OnSessionAssigned);
                connection.On<ConversationEvent>("Event", OnEvent);
                connection.Closed += _ => Metrics.ConnectionClosed();
                await connection.StartAsync(cancellationToken);
                Metrics.ConnectionOpened();
                _connection = connection;
                await connection.InvokeAsync<GoOnlineResult>(
                    "GoOnline", new GoOnlineRequest(s_skills, s_languages, Behaviour.Capacity), cancellationToken);
                Metrics.Increment(Counter.AgentsConnected);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Metrics.Increment(Counter.ConnectFailures);
                if (!_context.CountFailure(ex, "agent connect"))
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(0.5 * (attempt + 1)), cancellationToken);
            }
        }

        return false;
    }

    /// <summary>Stops taking work and waits (bounded) for sessions in hand to finish.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Task[] work;
        lock (_work)
        {
            work = [.. _work];
        }

        try
        {
            await Task.WhenAll(work).WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            // Sessions still open are simply left; the customers' audit does not depend on them.
        }

        await _stop.CancelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }

        _stop.Dispose();
    }

    private void OnOffer(OfferMessage offer)
    {
        Metrics.Increment(Counter.OffersReceived);
        if (_context.HandoffStartedAt.TryRemove(offer.SessionId, out long handoffAt))
        {
            Metrics.Record(Latency.Offer, Stopwatch.GetElapsedTime(handoffAt));
        }

        Track(HandleOfferAsync(offer));
    }

    private void OnSessionAssigned(SessionAssignedMessage assigned)
    {
        // Offers this agent accepted are already in hand; anything else (a transfer, a resumed session after GoOnline) is taken up here.
        if (!_sessions.ContainsKey(assigned.SessionId) && !_accepting.ContainsKey(assigned.SessionId))
        {
            Track(ServeAsync(assigned.SessionId, "zh"));
        }
    }

    private void OnEvent(ConversationEvent e)
    {
        if (!_sessions.TryGetValue(e.SessionId, out SessionWork? work))
        {
            return;
        }

        if (e.Role == "customer" && e.Kind == "message")
        {
            work.CustomerWrote.Writer.TryWrite(e.Seq);
        }
        else if (e.Kind == "agent_left" || (e.Kind == "status" && e.Status is "closed" or "abandoned" or "queued"))
        {
            work.Ended.TrySetResult();
        }
    }

    private void OnOfferRevoked(OfferRevokedMessage revoked)
    {
        Metrics.Increment(Counter.OffersRevoked);
        Revocation(revoked.OfferId).TrySetResult();
    }

    private TaskCompletionSource Revocation(string offerId) =>
        _revoked.GetOrAdd(offerId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task HandleOfferAsync(OfferMessage offer)
    {
        CancellationToken stop = _stop.Token;
        try
        {
            await Task.Delay(Sample(Behaviour.AcceptDelaySeconds), stop);
            if (Revocation(offer.OfferId).Task.IsCompleted)
            {
                return; // the console took the offer card away (the customer left, or it went to someone else)
            }

            if (Roll() < Behaviour.DeclineProbability)
            {
                if (await InvokeAsync<OkResult>("DeclineOffer", new DeclineOfferRequest(offer.OfferId, "busy"), stop, Revocation(offer.OfferId).Task) is not null)
                {
                    Metrics.Increment(Counter.OffersDeclined);
                }

                return;
            }

            // SessionAssigned may overtake the AcceptOffer result; it must not start a second reply loop.
            _accepting[offer.SessionId] = true;
            AcceptOfferResult? accepted;
            try
            {
                accepted = await InvokeAsync<AcceptOfferResult>("AcceptOffer", new AcceptOfferRequest(offer.OfferId), stop, Revocation(offer.OfferId).Task);
            }
            finally
            {
                _accepting.TryRemove(offer.SessionId, out _);
            }

            if (accepted is not null)
            {
                Metrics.Increment(Counter.OffersAccepted);
                await ServeAsync(accepted.SessionId, offer.Language);
            }
        }
        finally
        {
            _revoked.TryRemove(offer.OfferId, out _);
        }
    }

    /// <summary>True when <paramref name="happened"/> completed, or completes within a second (a push may trail the call's answer).</summary>
    private static async Task<bool> WithinASecondAsync(Task happened, CancellationToken stop)
    {
        try
        {
            await happened.WaitAsync(TimeSpan.FromSeconds(1), stop);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }


    private async Task ServeAsync(string sessionId, string language)
    {
        var work = new SessionWork();
        if (!_sessions.TryAdd(sessionId, work))
        {
            return;
        }

        CancellationToken stop = _stop.Token;
        try
        {
            IReadOnlyList<string> replies = Behaviour.Replies.TryGetValue(language, out IReadOnlyList<string>? r) ? r : Behaviour.Replies.Values.First();
            for (int reply = 0; reply < Behaviour.RepliesPerSession; reply++)
            {
                if (reply > 0)
                {
                    // Answer what the customer says next; a customer who says nothing gets no more replies.
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    wait.CancelAfter(TimeSpan.FromSeconds(60));
                    try
                    {
                        await work.CustomerWrote.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        break;
                    }
                }

                await Task.Delay(Sample(Behaviour.ReplyDelaySeconds), stop);
                string clientMessageId = string.Create(CultureInfo.InvariantCulture, $"{_context.RunId}-{AgentId}-{Interlocked.Increment(ref _messageNumber)}");
                string text = replies[reply % replies.Count];
                long sent = Stopwatch.GetTimestamp();
                Metrics.Increment(Counter.AgentMessagesSent);
                if (await InvokeAsync<SendMessageResult>("SendMessage", new SendMessageRequest(sessionId, clientMessageId, text), stop, work.Ended.Task) is not null)
                {
                    Metrics.Increment(Counter.AgentMessagesAcked);
                    Metrics.Record(Latency.AgentAck, Stopwatch.GetElapsedTime(sent));
                }
            }

            await Task.Delay(Sample(Behaviour.ResolveAfterSeconds), stop);
            if (await InvokeAsync<StatusResult>("ResolveSession", new ResolveSessionRequest(sessionId, "resolved"), stop, work.Ended.Task) is not null)
            {
                Metrics.Increment(Counter.SessionsResolved);
            }
        }
        finally
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }

    /// <summary>
    /// Calls the hub. <paramref name="overtakenBy"/> is what, if it happens, explains an <c>E_CONFLICT</c> or
    /// <c>E_FORBIDDEN</c>: the offer revoked or the session ended at that very moment. Every agent console meets that
    /// race (the card disappears); it counts as a lost race, and as an error only when nothing explains it.
    /// </summary>
    private async Task<T?> InvokeAsync<T>(string method, object argument, CancellationToken stop, Task? overtakenBy = null)
        where T : class
    {
        HubConnection? connection = _connection;
        if (connection is null)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            return await connection.InvokeAsync<T>(method, argument, timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            if (ex is HubInvocationException { Code: "E_CONFLICT" or "E_FORBIDDEN" } && overtakenBy is not null && await WithinASecondAsync(overtakenBy, stop))
            {
                Metrics.Increment(Counter.RacesLost);
            }
            else
            {
                _context.CountFailure(ex, "agent " + method);
            }

            return null;
        }
    }

    private void Track(Task task)
    {
        Task observed = task.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        lock (_work)
        {
            _work.RemoveAll(t => t.IsCompleted);
            _work.Add(observed);
        }
    }

    private TimeSpan Sample(SecondsRange range)
    {
        lock (_randomLock)
        {
            return range.Sample(_random);
        }
    }

    private double Roll()
    {
        lock (_randomLock)
        {
            return _random.NextDouble();
        }
    }

    private sealed class SessionWork
    {
        public System.Threading.Channels.Channel<long> CustomerWrote { get; } = System.Threading.Channels.Channel.CreateUnbounded<long>();

        /// <summary>The session left this agent (closed by the customer, abandoned, reclaimed).</summary>
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
