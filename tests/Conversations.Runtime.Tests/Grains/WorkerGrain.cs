namespace Conversations.Runtime.Tests.Grains;

[StatelessWorker(3)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly string _id = Guid.NewGuid().ToString("N");

    public async Task<string> Work(int yields)
    {
        for (var i = 0; i < yields; i++) await Task.Yield();
        return _id;
    }
}
