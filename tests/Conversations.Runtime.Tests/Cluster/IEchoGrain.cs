namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Echoes what it is sent, to check that values survive the trip between silos.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<Envelope> Echo(Envelope envelope);

    Task<Envelope?> Nothing();

    Task Fail(string message);

    Task FailWithUnknownType(string message);
}
