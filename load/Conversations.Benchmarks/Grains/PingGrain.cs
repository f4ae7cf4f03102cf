using Conversations.Runtime;

namespace Conversations.Benchmarks.Grains;

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);
}
