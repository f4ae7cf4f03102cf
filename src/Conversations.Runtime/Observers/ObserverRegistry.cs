using System.Collections.Concurrent;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Observers;

/// <summary>Objects of this process that grains call through observer references.</summary>
internal sealed class ObserverRegistry
{
    public const string ObserverType = "$observer";

    private readonly ConcurrentDictionary<string, object> _observers = new(StringComparer.Ordinal);

    public int Count => _observers.Count;

    public GrainId Register(object observer, string siloAddress)
    {
        // The key names the hosting silo so that any silo can route a call back to it.
        var id = new GrainId(ObserverType, $"{siloAddress}|{Guid.NewGuid():N}");
        _observers[id.Key] = observer;
        return id;
    }

    public bool Unregister(GrainId id) => _observers.TryRemove(id.Key, out _);

    public static string HostOf(GrainId id)
    {
        var bar = id.Key.LastIndexOf('|');
        return bar < 0 ? string.Empty : id.Key[..bar];
    }

    /// <summary>Runs the call on the thread pool, outside any grain's turn, so the observer never runs inside the caller's context.</summary>
    public void Invoke(Request request)
    {
        if (!_observers.TryGetValue(request.Target.Key, out var target))
        {
            request.TryFail(new ObserverNotFoundException(request.Target));
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Request.Run(s.Target, null), (Request: request, Target: target), preferLocal: false);
    }
}
