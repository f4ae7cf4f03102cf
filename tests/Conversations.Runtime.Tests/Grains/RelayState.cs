namespace Conversations.Runtime.Tests.Grains;

public sealed class RelayState
{
    public ICounterGrain? Target { get; set; }
}
