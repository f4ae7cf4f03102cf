using System.Collections.Concurrent;
using Conversations.Client;
using Conversations.Load.Measurement;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Clients;

/// <summary>What every simulated customer and agent of one run shares.</summary>
public sealed class LoadContext
{
    private readonly IReadOnlyList<System.Net.IPAddress> _localAddresses;
    private int _nextAddress;

    public LoadContext(
        Uri baseUrl, Scenario scenario, RunMetrics metrics, DevTokenClient tokens, PermitSource? permits, bool echoServer, IReadOnlyList<System.Net.IPAddress>? localAddresses = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(tokens);
        BaseUrl = baseUrl;
        Scenario = scenario;
        Metrics = metrics;
        Tokens = tokens;
        Permits = permits;
        EchoServer = echoServer;
        _localAddresses = localAddresses ?? [];
        CustomerHub = new Uri(baseUrl, "hubs/customer");
        AgentHub = new Uri(baseUrl, "hubs/agent");
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// Prefixes every clientMessageId: ids must be unique across runs, or the engine rightly answers a new message with an
    /// earlier run's seq (duplicate: true) when the same synthetic customer resumes its old session.
    /// </summary>
    public string RunId { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    public Uri CustomerHub { get; }

    public Uri AgentHub { get; }

    public Scenario Scenario { get; }

    public RunMetrics Metrics { get; }

    public DevTokenClient Tokens { get; }

    /// <summary>Null in saturation mode: customers then send as soon as they are ready.</summary>
    public PermitSource? Permits { get; }

    /// <summary>Against the bare echo hub: no agents, no handoffs, no transcripts to audit.</summary>
    public bool EchoServer { get; }

    /// <summary>Handoff start times by session, so an agent in the same process can time the offer.</summary>
    public ConcurrentDictionary<string, long> HandoffStartedAt { get; } = new(StringComparer.Ordinal);

    /// <summary>A few lost messages described in full, for the report.</summary>
    public ConcurrentQueue<string> LostExamples { get; } = new();

    public void AddExamples(IEnumerable<string> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        foreach (string example in examples)
        {
            if (LostExamples.Count >= 20)
            {
                return;
            }

            LostExamples.Enqueue(example);
        }
    }

    /// <summary>Cancelled when the load phase ends: customers stop starting messages.</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Options for one new connection: its token, and the next local source address in turn (if several were asked for).</summary>
    public HubConnectionOptions ConnectionOptions(string token) => new()
    {
        AccessToken = token,
        LocalAddress = _localAddresses.Count == 0 ? null : _localAddresses[(int)((uint)Interlocked.Increment(ref _nextAddress) % (uint)_localAddresses.Count)],

        // Thousands of idle connections: ping rarely, and tolerate a busy server before calling it lost.
        KeepAliveInterval = TimeSpan.FromSeconds(15),
        ServerTimeout = TimeSpan.FromSeconds(60),
        HandshakeTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Counts a failure under its code (and under the hub method that met it) and says whether it may be retried.</summary>
    public bool CountFailure(Exception exception, string method)
    {
        ArgumentNullException.ThrowIfNull(exception);
        (string code, bool retry) = exception switch
        {
            HubInvocationException { Code: "E_OVERLOADED" or "E_RATE_LIMITED" } hub => (hub.Code!, true),
            HubInvocationException hub => (hub.Code ?? "E_UNCODED", false),
            HubConnectionClosedException => ("CONNECTION_LOST", true),
            HubConnectionException { StatusCode: { } status } => ($"CONNECT_HTTP_{(int)status}", true),
            HubConnectionException => ("CONNECT_FAILED", true),
            LoadException load => (load.Code, false),
            OperationCanceledException or TimeoutException => ("TIMEOUT", true),
            HttpRequestException => ("HTTP_FAILED", true),
            _ => ("CLIENT_" + exception.GetType().Name, false),
        };
        Metrics.Error(code, method);
        return retry;
    }
}
