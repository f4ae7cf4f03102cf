using Conversations.Runtime.Tests.Grains;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>An observer that completes when it is pinged.</summary>
public sealed class PingCollector : IPingObserver
{
    public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ping(string text)
    {
        Received.TrySetResult(text);
        return Task.CompletedTask;
    }
}
