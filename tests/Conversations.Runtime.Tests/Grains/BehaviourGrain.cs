using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class BehaviourGrain(Probe probe) : Grain, IBehaviourGrain
{
    private readonly List<string> _recorded = [];

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<string?> EchoNullable(string? value) => Task.FromResult(value);

    public Task WaitForever() => new TaskCompletionSource().Task;

    public Task WaitForeverShortDeadline()
    {
        probe.Signal("stuck-running");
        return new TaskCompletionSource().Task;
    }

    public async Task OneWayRecord(string value)
    {
        await probe.Gate.Task;
        _recorded.Add(value);
        probe.Signal("one-way", value);
    }

    public Task<IReadOnlyList<string>> Recorded() => Task.FromResult<IReadOnlyList<string>>([.. _recorded]);

    public async Task<int> CallOther(string key, int value) =>
        await GrainFactory.GetGrain<IBehaviourGrain>(key).Echo(value) + 1;

    public Task<int> Peek(int value) => Task.FromResult(value);

    public async Task Hold()
    {
        probe.Signal($"behaviour-holding:{GetPrimaryKeyString()}");
        await probe.Gate.Task;
    }

    public Task RemindMe() => RegisterOrUpdateReminder("never", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public async Task<int> ValueTaskEcho(int value)
    {
        await Task.Yield();
        return value;
    }
}
