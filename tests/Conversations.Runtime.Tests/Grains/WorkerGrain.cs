using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

[StatelessWorker(3)]
public sealed class WorkerGrain(Probe probe) : Grain, IWorkerGrain
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    public async Task<string> Work(int yields)
    {
        for (var i = 0; i < yields; i++) await Task.Yield();
        return _id;
    }

    public async Task<string> Hold()
    {
        probe.SignalNext("worker-holding", _id);
        await probe.Gate.Task;
        return _id;
    }
}
