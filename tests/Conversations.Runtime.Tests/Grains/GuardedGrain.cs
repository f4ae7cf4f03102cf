namespace Conversations.Runtime.Tests.Grains;

public sealed class GuardedGrain : Grain, IGuardedGrain
{
    private int _inside;
    private int _overlaps;
    private int _calls;

    public async Task<int> Work(int yields)
    {
        if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _overlaps);
        try
        {
            for (var i = 0; i < yields; i++) await Task.Yield();
            return ++_calls;
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task<int> MaxConcurrent() => Task.FromResult(_calls);

    public Task<int> Overlaps() => Task.FromResult(_overlaps);
}
