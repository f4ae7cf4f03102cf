using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Cluster;

/// <summary>Carries requests to other silos and their answers back.</summary>
public interface IMessageTransport
{
    /// <summary>Sends <paramref name="request"/> to <paramref name="silo"/>; the request answers its caller when the reply arrives or the silo is lost.</summary>
    void Send(SiloAddress silo, Request request);
}
