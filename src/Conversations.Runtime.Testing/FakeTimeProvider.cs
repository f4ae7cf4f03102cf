namespace Conversations.Runtime.Testing;

/// <summary>
/// A clock that moves only when the test says so. Timers created from it fire, in due order, during
/// <see cref="Advance"/>. (Microsoft.Extensions.TimeProvider.Testing does not restore here.)
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _lock = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    /// <summary>
    /// Runs just before a timer is set to fire after the given wait: a test can move the clock there, as another thread
    /// advancing it could, to check that a caller copes with a clock that moved while it was setting a timer.
    /// </summary>
    public Action<TimeSpan>? BeforeTimerSet { get; set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way at its due time.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock) target = _now + delta;
        while (true)
        {
            FakeTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.Due is { } due && due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    // Never backwards: another thread may have advanced further meanwhile.
                    if (target > _now) _now = target;
                    return;
                }

                if (next.Due > _now) _now = next.Due!.Value;
                next.Due = next.Period is { } p ? _now + p : null;
            }

            next.Fire();
        }
    }

    /// <summary>Sets the clock to <paramref name="time"/> (not backwards), firing timers on the way.</summary>
    public void SetUtcNow(DateTimeOffset time) => Advance(time - GetUtcNow());

    private void Schedule(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        BeforeTimerSet?.Invoke(dueTime);
        lock (_lock)
        {
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            if (!_timers.Contains(timer)) _timers.Add(timer);
        }

        // A timer due now fires now, as a real one would, without waiting for the next Advance.
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime <= TimeSpan.Zero)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Advance(TimeSpan.Zero), this, preferLocal: false);
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_lock) _timers.Remove(timer);
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
