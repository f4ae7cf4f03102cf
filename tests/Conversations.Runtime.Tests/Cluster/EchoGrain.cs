namespace Conversations.Runtime.Tests.Cluster;

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<Envelope> Echo(Envelope envelope) => Task.FromResult(envelope with { Text = envelope.Text + "!" });

    public Task<Envelope?> Nothing() => Task.FromResult<Envelope?>(null);

    public Task Fail(string message) => throw new ArgumentException(message);

    public Task FailWithUnknownType(string message) => throw new ShopSpecificException(42, message);
}
