using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class ClockGrain(Probe probe) : Grain, IClockGrain, IRemindable
{
    private readonly string _activationId = Guid.NewGuid().ToString("N");
    private int _ticks;
    private int _inside;
    private int _overlaps;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.SignalNext($"clock-activated:{GetPrimaryKeyString()}", _activationId);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"clock-deactivated:{GetPrimaryKeyString()}", reason.ToString());
        return Task.CompletedTask;
    }

    public Task StartTimer(TimeSpan due, TimeSpan period)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(_ =>
        {
            Enter();
            _ticks++;
            probe.Signal($"tick:{GetPrimaryKeyString()}:{_ticks}", _ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Decrement(ref _inside);
            return Task.CompletedTask;
        }, due, period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

    public Task<int> PeekTicks() => Task.FromResult(_ticks);

    public async Task Hold()
    {
        Enter();
        try
        {
            probe.Signal($"clock-holding:{GetPrimaryKeyString()}");
            await probe.Gate.Task;
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task<int> Overlaps() => Task.FromResult(_overlaps);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task Remind(string name, TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder(name, due, period);

    public Task RemindAt(string name, DateTimeOffset dueAt, TimeSpan period) => RegisterOrUpdateReminder(name, dueAt, period);

    public async Task Forget(string name)
    {
        var reminder = await GetReminder(name);
        if (reminder is not null) await UnregisterReminder(reminder);
    }

    public async Task<bool> HasReminder(string name) => await GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Signal($"reminder:{GetPrimaryKeyString()}:{reminderName}", status.CurrentTickTime.ToString("O"));
        probe.Events.Enqueue($"fired:{reminderName}@{TimeProvider.GetUtcNow():O}");
        probe.Events.Enqueue($"reminded:{GetPrimaryKeyString()}:{_activationId}");
        return Task.CompletedTask;
    }

    /// <summary>Counts an overlap when another tick or call is already inside this activation.</summary>
    private void Enter()
    {
        if (Interlocked.Increment(ref _inside) != 1) Interlocked.Increment(ref _overlaps);
    }
}
