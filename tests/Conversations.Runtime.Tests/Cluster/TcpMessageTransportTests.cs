using System.Net;
using System.Net.Sockets;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Invocation;
using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>The transport's bounds: a peer that stops reading makes callers see overload, not unbounded memory.</summary>
[Collection(RealTimeClusterCollection.Name)]
public sealed class TcpMessageTransportTests
{
    [Fact]
    public async Task Send_ToAPeerThatStopsReading_FailsWithOverloadOnceTheQueueIsFull()
    {
        await using var cluster = await Clusters.Builder(new Probe()).BuildClusterAsync(1, o => o.MaxSendQueue = 100);
        var transport = (TcpMessageTransport)cluster.Silos[0].Runtime.Transport;
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start();
        var peer = new SiloAddress("127.0.0.1", ((IPEndPoint)stalled.LocalEndpoint).Port, 1);
        var accepting = stalled.AcceptSocketAsync();
        GrainInterfaceCatalog.Shared.EnsureLoaded(typeof(IEchoGrain).Assembly);
        var factory = Enumerable.Range(0, 64)
            .Select(id => GrainInterfaceCatalog.Shared.TryGetMethod(typeof(IEchoGrain).FullName!, id, out var d, out var f) && d.Name == nameof(IEchoGrain.Echo) ? f : null)
            .First(f => f is not null)!;
        var payload = new string('x', 32 * 1024);

        Exception? refused = null;
        for (var i = 0; i < 5000 && refused is null; i++)
        {
            var request = factory([new Envelope(payload, null, null, [], DateTimeOffset.UnixEpoch)]);
            request.Target = new GrainId("echo", "stalled");
            var answer = request.CreateRemoteCompletion();
            transport.Send(peer, request);
            if (answer.IsFaulted) refused = answer.Exception!.InnerException;
        }

        Assert.IsType<GrainOverloadedException>(refused);
        (await accepting).Dispose();
    }
}
