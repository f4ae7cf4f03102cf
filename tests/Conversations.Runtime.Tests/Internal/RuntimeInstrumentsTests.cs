using System.Diagnostics.Metrics;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Runtime.Tests.Internal;

public sealed class RuntimeInstrumentsTests
{
    private const string Activations = "conversations.runtime.activations";
    private const string Created = "conversations.runtime.activations.created";
    private const string Deactivated = "conversations.runtime.activations.deactivated";
    private const string MailboxDepth = "conversations.runtime.mailbox.depth";
    private const string StorageDuration = "conversations.runtime.storage.duration";

    [Fact]
    public async Task Metrics_FollowActivations_QueuedCalls_AndStorage()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        using var metrics = new SiloMetrics(cluster.Services.GetRequiredService<IMeterFactory>());
        var counters = Enumerable.Range(1, 3).Select(i => cluster.GrainFactory.GetGrain<ICounterGrain>($"metered-{i}")).ToList();

        foreach (var counter in counters) await counter.Increment();

        Assert.Equal(3, metrics.Total(Created));
        Assert.Equal(3, metrics.Gauge(Activations));
        Assert.Equal(0, metrics.Gauge(MailboxDepth));
        Assert.Equal(3, metrics.Recorded(StorageDuration, ("operation", "read"), ("state", "counter")));
        Assert.Equal(3, metrics.Recorded(StorageDuration, ("operation", "write"), ("state", "counter")));

        var busy = cluster.GrainFactory.GetGrain<IBehaviourGrain>("metered-busy");
        var holding = busy.Hold();
        await probe.WaitFor("behaviour-holding:metered-busy");
        var queued = new[] { busy.Echo(1), busy.Echo(2) };
        Assert.Equal(2, metrics.Gauge(MailboxDepth));
        Assert.Equal(4, metrics.Gauge(Activations));
        probe.Gate.SetResult();
        await Task.WhenAll(queued.Append(holding)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, metrics.Gauge(MailboxDepth));

        await counters[0].Deactivate();
        await metrics.WhenTotal(Deactivated, 1);
        Assert.Equal(3, metrics.Gauge(Activations));
        Assert.Equal(4, metrics.Total(Created));
        Assert.Equal(1, metrics.Total(Deactivated));
    }
}
