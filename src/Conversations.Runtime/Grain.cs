using Conversations.Runtime.Internal;

namespace Conversations.Runtime;

/// <summary>
/// The base class of grain implementations. The runtime constructs grains (with their services and
/// persistent state) and runs every call, timer tick and reminder as a turn of the activation.
/// </summary>
public abstract class Grain
{
    private readonly ActivationData _activation;

    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException("Grains are created by the runtime; use IGrainFactory.GetGrain to reach one.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.Id;

    protected IGrainFactory GrainFactory => _activation.Runtime;

    /// <summary>The runtime's clock (a fake one in tests).</summary>
    protected TimeProvider TimeProvider => _activation.Runtime.TimeProvider;

    protected string GetPrimaryKeyString() => _activation.Id.Key;

    protected Guid GetPrimaryKey() => Guid.Parse(_activation.Id.Key);

    /// <summary>A reference to this grain, to pass to others (for example as a callback target).</summary>
    protected TInterface AsReference<TInterface>() where TInterface : IAddressable =>
        _activation.Runtime.GetReference<TInterface>(_activation.Id);

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn and queued work allow it.</summary>
    protected void DeactivateOnIdle() => _activation.StartDeactivation(DeactivationReason.RequestedByGrain);

    /// <summary>Keeps the activation from idle collection for at least <paramref name="period"/>.</summary>
    protected void DelayDeactivation(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        _activation.DelayDeactivation(period);
    }

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions(dueTime, period));
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        return _activation.RegisterTimer((s, ct) => callback((TState)s!, ct), state, options);
    }

    /// <summary>Registers (or moves) a durable reminder; the grain must implement <see cref="IRemindable"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must not be negative.");
        return RegisterOrUpdateReminder(reminderName, _activation.Runtime.TimeProvider.GetUtcNow() + dueTime, period);
    }

    /// <summary>
    /// Registers (or moves) a durable reminder whose first tick is at <paramref name="dueAt"/> (now, if that has passed).
    /// Use it for deadlines: the due time does not drift by however long the registration takes.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, DateTimeOffset dueAt, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain {GetType().Name} registers reminder '{reminderName}' but does not implement IRemindable.");
        }

        return _activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueAt, period);
    }

    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return _activation.Runtime.Reminders.UnregisterAsync(GrainId, reminder.ReminderName);
    }

    protected Task<IGrainReminder?> GetReminder(string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        return _activation.Runtime.Reminders.GetAsync(GrainId, reminderName);
    }
}
