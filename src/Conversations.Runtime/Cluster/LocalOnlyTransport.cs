using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Cluster;

/// <summary>The transport of a single silo: there is nobody else to send to.</summary>
public sealed class LocalOnlyTransport : IMessageTransport
{
    public void Send(SiloAddress silo, Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.TryFail(new SiloUnavailableException($"Silo {silo} is not reachable: this silo runs without a cluster transport."));
    }
}
