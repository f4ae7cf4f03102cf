using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

[CollectionAgeLimit(Minutes = 2)]
public sealed class BriefGrain(Probe probe) : Grain, IBriefGrain
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public Task<string> ActivationId() => Task.FromResult(_activationId);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"brief-deactivated:{GetPrimaryKeyString()}", reason.ToString());
        return Task.CompletedTask;
    }
}
