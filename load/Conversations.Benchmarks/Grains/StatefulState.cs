namespace Conversations.Benchmarks.Grains;

public sealed class StatefulState
{
    public byte[]? Payload { get; set; }
}
