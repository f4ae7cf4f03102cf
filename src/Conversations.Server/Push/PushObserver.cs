using Conversations.Abstractions.Push;
using Conversations.Runtime;

namespace Conversations.Server.Push;

/// <summary>
/// Holds this process's observer reference (made once the silo runs, deleted when it stops); hubs hand it to
/// grains inside a <see cref="Subscriber"/>.
/// </summary>
public sealed class PushObserver(IGrainFactory grainFactory, ConversationObserver observer) : IHostedService
{
    private IConversationObserver? _reference;

    /// <summary>The reference grains call; available once the server has started.</summary>
    public IConversationObserver Reference =>
        Volatile.Read(ref _reference) ?? throw new InvalidOperationException("The push observer is not registered yet; the server is still starting.");

    public Subscriber SubscriberFor(string connectionId) => new(Reference, connectionId);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _reference, grainFactory.CreateObjectReference<IConversationObserver>(observer));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reference, null) is { } reference) grainFactory.DeleteObjectReference(reference);
        return Task.CompletedTask;
    }
}
