using Conversations.Server.Internal;
using Microsoft.AspNetCore.SignalR;

namespace Conversations.Server.Hubs;

/// <summary>What the server remembers per hub connection: its rate limit, the sessions it is subscribed to, and whether it is connected to its agent.</summary>
internal sealed class ConnectionItems
{
    /// <summary>Sessions one connection may follow at once.</summary>
    public const int MaxSubscriptions = 100;

    private static readonly object s_key = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _subscriptions = new(StringComparer.Ordinal);

    private ConnectionItems(TokenBucket rateLimit)
    {
        RateLimit = rateLimit;
    }

    public TokenBucket RateLimit { get; }

    /// <summary>The agent grain holds this connection (set by GoOnline).</summary>
    public bool AgentConnected { get; set; }

    public static ConnectionItems Attach(HubCallerContext context, TokenBucket rateLimit)
    {
        var items = new ConnectionItems(rateLimit);
        context.Items[s_key] = items;
        return items;
    }

    public static ConnectionItems Of(HubCallerContext context) =>
        context.Items.TryGetValue(s_key, out var items) && items is ConnectionItems found
            ? found
            : throw new InvalidOperationException("The connection was not set up by HubGuardFilter.");

    public bool IsSubscribed(string sessionId)
    {
        lock (_gate) return _subscriptions.Contains(sessionId);
    }

    /// <summary>Records a subscription; false when the connection already follows too many sessions.</summary>
    public bool TryAddSubscription(string sessionId)
    {
        lock (_gate)
        {
            if (_subscriptions.Contains(sessionId)) return true;
            if (_subscriptions.Count >= MaxSubscriptions) return false;
            _subscriptions.Add(sessionId);
            return true;
        }
    }

    public void RemoveSubscription(string sessionId)
    {
        lock (_gate) _subscriptions.Remove(sessionId);
    }

    public IReadOnlyList<string> TakeSubscriptions()
    {
        lock (_gate)
        {
            var all = _subscriptions.ToList();
            _subscriptions.Clear();
            return all;
        }
    }
}
