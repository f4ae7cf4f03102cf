using Conversations.Runtime.Internal;
using Microsoft.Extensions.Logging;

namespace Conversations.Runtime.Reminders;

/// <summary>
/// Fires the durable reminders this silo owns. Rows live in an <see cref="IReminderTable"/>; due times
/// live here in one priority queue behind one timer, so 100,000 reminders cost one timer, not 100,000.
/// </summary>
internal sealed class ReminderService : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<(GrainId GrainId, string Name), LocalReminder> _reminders = [];
    private readonly PriorityQueue<LocalReminder, DateTimeOffset> _due = new();
    private readonly IReminderTable _table;
    private readonly GrainRuntime _runtime;
    private readonly TimeSpan _minimumPeriod;
    private ITimer? _timer;
    private bool _stopped;

    public ReminderService(IReminderTable table, GrainRuntime runtime, TimeSpan minimumPeriod)
    {
        _table = table;
        _runtime = runtime;
        _minimumPeriod = minimumPeriod;
    }

    public int Count
    {
        get
        {
            lock (_lock) return _reminders.Count;
        }
    }

    /// <summary>Entries in the due-time queue, live or left behind by replaced and removed reminders.</summary>
    internal int QueuedEntries
    {
        get
        {
            lock (_lock) return _due.Count;
        }
    }

    /// <summary>Which grains' reminders this silo fires (all of them on a single silo).</summary>
    public Func<GrainId, bool> Owns { get; set; } = static _ => true;

    private TimeProvider Time => _runtime.TimeProvider;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.InitAsync(cancellationToken);
        _timer = Time.CreateTimer(static s => ((ReminderService)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await LoadRangeAsync(0, uint.MaxValue, cancellationToken);
    }

    /// <summary>Takes over the reminders of a hash range (at start, and when the cluster hands a range to this silo).</summary>
    public async Task LoadRangeAsync(uint begin, uint end, CancellationToken cancellationToken)
    {
        var rows = await _table.ReadRangeAsync(begin, end, cancellationToken);
        lock (_lock)
        {
            foreach (var row in rows)
            {
                // A reminder already scheduled from the same row keeps its due time (rescheduling could fire it twice).
                if (_reminders.TryGetValue((row.GrainId, row.ReminderName), out var held) && held.Entry.ETag == row.ETag) continue;
                if (Owns(row.GrainId)) ScheduleLocked(row);
            }

            ArmLocked();
        }
    }

    /// <summary>Forgets (without deleting) the reminders of grains this silo no longer owns.</summary>
    public void DropUnowned()
    {
        lock (_lock)
        {
            foreach (var key in _reminders.Keys.Where(k => !Owns(k.GrainId)).ToList())
            {
                _reminders[key].Removed = true;
                _reminders.Remove(key);
            }
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan period)
    {
        if (period < _minimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder's period must be at least {_minimumPeriod.TotalSeconds:0.###} s.");
        }

        var now = Time.GetUtcNow();
        var entry = new ReminderEntry(grainId, name, dueAt > now ? dueAt : now, period);
        var eTag = await _table.UpsertRowAsync(entry, CancellationToken.None);
        lock (_lock)
        {
            ScheduleLocked(entry with { ETag = eTag });
            ArmLocked();
        }

        return new ReminderHandle(name);
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        LocalReminder? local;
        lock (_lock) _reminders.TryGetValue((grainId, name), out local);
        var row = local?.Entry ?? await _table.ReadRowAsync(grainId, name, CancellationToken.None);
        if (row?.ETag is null) return;
        await _table.RemoveRowAsync(grainId, name, row.ETag, CancellationToken.None);
        lock (_lock)
        {
            if (_reminders.Remove((grainId, name), out var removed)) removed.Removed = true;
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string name)
    {
        lock (_lock)
        {
            if (_reminders.ContainsKey((grainId, name))) return new ReminderHandle(name);
        }

        var row = await _table.ReadRowAsync(grainId, name, CancellationToken.None);
        return row is null ? null : new ReminderHandle(name);
    }

    private void ScheduleLocked(ReminderEntry entry)
    {
        var key = (entry.GrainId, entry.ReminderName);
        if (_reminders.Remove(key, out var previous)) previous.Removed = true;
        var now = Time.GetUtcNow();
        var local = new LocalReminder(entry, FirstDueAtOrAfter(entry, now));
        _reminders[key] = local;
        _due.Enqueue(local, local.Due);
        // Replaced and removed reminders leave their queue entries behind until those come due, which for an idle
        // timeout re-armed on every message is minutes away: rebuild the queue from the live ones when stale ones dominate.
        if (_due.Count > (2 * _reminders.Count) + 1024)
        {
            _due.Clear();
            foreach (var live in _reminders.Values) _due.Enqueue(live, live.Due);
        }
    }

    private static DateTimeOffset FirstDueAtOrAfter(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.StartAt >= now) return entry.StartAt;
        // Missed ticks (the silo was down) are not replayed one by one: the next tick is the first one not in the past,
        // except that a tick missed entirely fires at once so a deadline is never silently skipped.
        var missed = (now - entry.StartAt).Ticks / entry.Period.Ticks;
        var last = entry.StartAt + TimeSpan.FromTicks(missed * entry.Period.Ticks);
        return last < now ? now : last;
    }

    private static DateTimeOffset FirstDueAfter(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.StartAt > now) return entry.StartAt;
        var ticks = (now - entry.StartAt).Ticks / entry.Period.Ticks + 1;
        return entry.StartAt + TimeSpan.FromTicks(ticks * entry.Period.Ticks);
    }

    private void ArmLocked()
    {
        if (_stopped || _timer is null) return;
        while (_due.TryPeek(out var head, out _) && head.Removed) _due.Dequeue();
        if (!_due.TryPeek(out _, out var due))
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        Time.AimAt(due, wait => _timer.Change(wait, Timeout.InfiniteTimeSpan));
    }

    private void OnTimer()
    {
        List<(LocalReminder Reminder, DateTimeOffset Due)>? firing = null;
        lock (_lock)
        {
            if (_stopped) return;
            var now = Time.GetUtcNow();
            while (_due.TryPeek(out var reminder, out var due) && due <= now)
            {
                _due.Dequeue();
                if (reminder.Removed || reminder.Due != due) continue;
                (firing ??= []).Add((reminder, due));
                var next = FirstDueAfter(reminder.Entry, now);
                reminder.Due = next;
                _due.Enqueue(reminder, next);
            }

            ArmLocked();
        }

        if (firing is null) return;
        foreach (var (reminder, due) in firing) Fire(reminder, due);
    }

    private void Fire(LocalReminder reminder, DateTimeOffset due)
    {
        var entry = reminder.Entry;
        var status = new TickStatus(entry.StartAt, entry.Period, due);
        Task call;
        try
        {
            call = _runtime.GetReference<IRemindable>(entry.GrainId).ReceiveReminder(entry.ReminderName, status);
        }
        catch (Exception exception)
        {
            call = Task.FromException(exception);
        }

        call.ContinueWith(
            static (t, s) => ((ReminderService)s!)._runtime.Logger.LogWarning(t.Exception!.InnerException, "A reminder tick failed"),
            this, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _timer?.Dispose();
            _due.Clear();
            _reminders.Clear();
        }
    }

    public void Dispose() => Stop();

    private sealed class LocalReminder(ReminderEntry entry, DateTimeOffset due)
    {
        public ReminderEntry Entry { get; } = entry;

        public DateTimeOffset Due { get; set; } = due;

        public bool Removed { get; set; }
    }
}
