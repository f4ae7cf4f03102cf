using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests.Grains;

public sealed class ClockGrain(Probe probe) : Grain, IClockGrain, IRemindable
{
    private int _ticks;
    private IGrainTimer? _timer;

    public Task StartTimer(TimeSpan due, TimeSpan period)
    {
        _timer?.Dispose();
        _timer = RegisterGrainTimer(_ =>
        {
            _ticks++;
            probe.Signal($"tick:{GetPrimaryKeyString()}:{_ticks}", _ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.CompletedTask;
        }, due, period);
        return Task.CompletedTask;
    }

    public Task<int> TimerTicks() => Task.FromResult(_ticks);

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
        return Task.CompletedTask;
    }
}
