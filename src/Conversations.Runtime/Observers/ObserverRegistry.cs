using System.Collections.Concurrent;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Observers;

/// <summary>Objects of this process that grains call through observer references.</summary>
internal sealed class ObserverRegistry
{
    public const string ObserverType = "$observer";

    private readonly ConcurrentDictionary<string, ObserverMailbox> _observers = new(StringComparer.Ordinal);

    public int Count => _observers.Count;

    public GrainId Register(object observer, string siloAddress)
    {
        // The key names the hosting silo so that any silo can route a call back to it.
        var id = new GrainId(ObserverType, $"{siloAddress}|{Guid.NewGuid():N}");
        _observers[id.Key] = new ObserverMailbox(observer);
        return id;
    }

    public bool Unregister(GrainId id) => _observers.TryRemove(id.Key, out _);

    public static string HostOf(GrainId id)
    {
        var bar = id.Key.LastIndexOf('|');
        return bar < 0 ? string.Empty : id.Key[..bar];
    }

    /// <summary>
    /// Queues the call on the observer's mailbox if the observer lives in this process (started in arrival order,
    /// outside any grain's turn); false if it is not registered here.
    /// </summary>
    public bool TryInvoke(Request request)
    {
        if (!_observers.TryGetValue(request.Target.Key, out var mailbox)) return false;
        mailbox.Post(request);
        return true;
    }
}
