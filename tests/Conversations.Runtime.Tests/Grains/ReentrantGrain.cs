namespace Conversations.Runtime.Tests.Grains;

[Reentrant]
public sealed class ReentrantGrain : Grain, IReentrantGrain
{
    private int _running;
    private int _maxInterleaved;
    private int _threadsInside;
    private int _overlaps;

    public async Task<int> Work(int yields)
    {
        _running++;
        _maxInterleaved = Math.Max(_maxInterleaved, _running);
        for (var i = 0; i < yields; i++)
        {
            // The synchronous part between awaits must never run on two threads at once.
            if (Interlocked.Increment(ref _threadsInside) != 1) Interlocked.Increment(ref _overlaps);
            Thread.SpinWait(50);
            Interlocked.Decrement(ref _threadsInside);
            await Task.Yield();
        }

        _running--;
        return _maxInterleaved;
    }

    public Task<int> MaxInterleaved() => Task.FromResult(_maxInterleaved);

    public Task<int> Overlaps() => Task.FromResult(_overlaps);
}
