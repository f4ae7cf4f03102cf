using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class FlakyStartGrain(Probe probe) : Grain, IFlakyStartGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var attempt = probe.SignalNext($"flaky-activating:{GetPrimaryKeyString()}");
        await probe.Gate.Task;
        if (attempt == 1) throw new InvalidOperationException("the CRM is down");
    }

    public Task<int> Echo(int value) => Task.FromResult(value);
}
