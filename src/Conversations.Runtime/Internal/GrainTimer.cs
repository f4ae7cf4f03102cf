namespace Conversations.Runtime.Internal;

/// <summary>A grain timer: the clock's timer queues a tick on the activation; the next tick is armed when the last one finished.</summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _owner;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private TimeSpan _period;

    public GrainTimer(ActivationData owner, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _owner = owner;
        _callback = callback;
        _state = state;
        Options = options;
        _period = options.Period;
        _timer = owner.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public GrainTimerCreationOptions Options { get; }

    public void Start() => _timer.Change(Options.DueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        if (!_disposed.IsCancellationRequested) _owner.TryEnqueue(new TimerTick(this));
    }

    public Task Invoke() => _disposed.IsCancellationRequested ? Task.CompletedTask : _callback(_state, _disposed.Token);

    public void OnTickCompleted()
    {
        if (_disposed.IsCancellationRequested || _period == Timeout.InfiniteTimeSpan) return;
        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the change: nothing left to arm.
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested) return;
        _disposed.Cancel();
        _timer.Dispose();
        _owner.RemoveTimer(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or positive (or infinite).");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or infinite for a single tick.");
        }
    }
}
