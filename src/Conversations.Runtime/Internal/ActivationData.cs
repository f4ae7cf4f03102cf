using Conversations.Runtime.Invocation;
using Conversations.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Conversations.Runtime.Internal;

/// <summary>
/// One activation of a grain: its mailbox and its turn scheduler. It is its own
/// <see cref="SynchronizationContext"/>, so continuations after an await in grain code come back here
/// as turns, and its own thread-pool work item, so an idle activation holds no thread, loop or buffer.
/// </summary>
internal sealed class ActivationData : SynchronizationContext, IThreadPoolWorkItem, IRequestOwner
{
    private const int TurnsPerDispatch = 64;

    [ThreadStatic]
    private static ActivationData? t_constructing;

    private readonly object _lock = new();
    private Message? _head;
    private Message? _tail;
    private Message? _continuationHead;
    private Message? _continuationTail;
    private Request? _running;
    private List<Request>? _moreRunning;
    private List<GrainTimer>? _timers;
    private IStateLoader[] _states = [];
    private long _arrivals;
    private int _inFlight;
    private int _queued;
    private int _deadlinesWatched;
    private int _interleavingQueued;
    private bool _scheduled;
    private bool _deactivationRequested;
    private bool _deactivating;
    private DeactivationReason _deactivationReason;
    private ActivationState _state;

    public ActivationData(GrainRuntime runtime, GrainClass grainClass, GrainId id)
    {
        Runtime = runtime;
        Class = grainClass;
        Id = id;
        LastUsedEpoch = runtime.Collector.Epoch;
    }

    /// <summary>The activation whose grain is being constructed on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    public static ActivationData? Constructing => t_constructing;

    public GrainRuntime Runtime { get; }

    public GrainClass Class { get; }

    public GrainId Id { get; }

    public object? Instance { get; private set; }

    public int LastUsedEpoch { get; private set; }

    public int KeepAliveUntilEpoch { get; private set; }

    public ActivationState State => _state;

    public int QueueLength => Volatile.Read(ref _queued);

    public bool IsIdle => Volatile.Read(ref _inFlight) == 0 && Volatile.Read(ref _queued) == 0 && _state == ActivationState.Valid;

    /// <summary>Queues a call or tick; false when the activation is gone and the caller must route again.</summary>
    public bool TryEnqueue(Message message)
    {
        bool schedule;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid) return false;
            message.Arrival = ++_arrivals;
            if (_tail is null) _head = message;
            else _tail.Next = message;
            _tail = message;
            _queued++;
            if (message.Interleaves) _interleavingQueued++;
            schedule = !_scheduled && CanStartQueued();
            if (schedule) _scheduled = true;
        }

        if (schedule) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        if (message is Request && Volatile.Read(ref _deadlinesWatched) == 0 && Interlocked.CompareExchange(ref _deadlinesWatched, 1, 0) == 0)
        {
            Runtime.WatchDeadlines(this);
        }

        return true;
    }

    /// <summary>
    /// After a deadline sweep: true while requests are queued or running here (the sweep keeps this activation), else
    /// it leaves the sweep until the next request is queued.
    /// </summary>
    public bool KeepWatchingDeadlines()
    {
        if (HasRequests()) return true;
        Interlocked.Exchange(ref _deadlinesWatched, 0);
        // A request queued between the check and the reset saw the flag still set and did not ask to be watched: whichever
        // of it and this sweep sets the flag again puts the activation back.
        return HasRequests() && Interlocked.CompareExchange(ref _deadlinesWatched, 1, 0) == 0;
    }

    private bool HasRequests() => Volatile.Read(ref _queued) > 0 || Volatile.Read(ref _inFlight) > 0;

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        var item = new ContinuationItem(d, state);
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                // Leftover work of a finished activation (e.g. fire-and-forget tasks) still has to run somewhere.
                ThreadPool.UnsafeQueueUserWorkItem(static i => i.Run(), item, preferLocal: false);
                return;
            }

            item.Arrival = ++_arrivals;
            if (_continuationTail is null) _continuationHead = item;
            else _continuationTail.Next = item;
            _continuationTail = item;
            schedule = !_scheduled;
            if (schedule) _scheduled = true;
        }

        if (schedule) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Synchronous sends to a grain's context would block its turn.");

    public override SynchronizationContext CreateCopy() => this;

    public void Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            for (var turn = 0; turn < TurnsPerDispatch; turn++)
            {
                Message? next;
                WorkKind kind;
                lock (_lock)
                {
                    kind = TakeNext(out next);
                    if (kind == WorkKind.None)
                    {
                        _scheduled = false;
                        return;
                    }
                }

                RunTurn(kind, next);
            }

            // Give other activations a turn; this one stays scheduled.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private enum WorkKind
    {
        None,
        Continuation,
        Request,
        Tick,
        Activate,
        Deactivate,
    }

    private WorkKind TakeNext(out Message? next)
    {
        next = _continuationHead;
        if (next is not null && !(_state == ActivationState.Valid && _head is not null && _head.Arrival < next.Arrival && CanStartHead()))
        {
            _continuationHead = next.Next;
            if (_continuationHead is null) _continuationTail = null;
            next.Next = null;
            return WorkKind.Continuation;
        }

        switch (_state)
        {
            case ActivationState.Created:
                _state = ActivationState.Activating;
                _inFlight++;
                return WorkKind.Activate;
            case ActivationState.Valid when _head is not null && (CanStartHead() || _interleavingQueued > 0):
                next = CanStartHead() ? _head : FirstInterleaving();
                if (next is null) return WorkKind.None;
                Unlink(next);
                _inFlight++;
                if (next is Request request)
                {
                    if (_running is null) _running = request;
                    else (_moreRunning ??= []).Add(request);
                    return WorkKind.Request;
                }

                return WorkKind.Tick;
            case ActivationState.Deactivating when _inFlight == 0 && !_deactivating:
                _deactivating = true;
                _inFlight++;
                return WorkKind.Deactivate;
            default:
                return WorkKind.None;
        }
    }

    private bool CanStartQueued() => _state switch
    {
        ActivationState.Created => true,
        ActivationState.Valid => _head is not null && (CanStartHead() || _interleavingQueued > 0),
        _ => false,
    };

    private bool CanStartHead() => _inFlight == 0 || Class.IsReentrant || _head!.Interleaves;

    /// <summary>An [AlwaysInterleave] call (or interleaving tick) waiting behind calls that must wait.</summary>
    private Message? FirstInterleaving()
    {
        for (var m = _head; m is not null; m = m.Next)
        {
            if (m.Interleaves) return m;
        }

        return null;
    }

    private void Unlink(Message message)
    {
        Message? previous = null;
        for (var m = _head; m is not null && !ReferenceEquals(m, message); m = m.Next) previous = m;
        if (previous is null) _head = message.Next;
        else previous.Next = message.Next;
        if (ReferenceEquals(_tail, message)) _tail = previous;
        message.Next = null;
        _queued--;
        if (message.Interleaves) _interleavingQueued--;
    }

    private void RunTurn(WorkKind kind, Message? message)
    {
        switch (kind)
        {
            case WorkKind.Continuation:
                ((ContinuationItem)message!).Run();
                break;
            case WorkKind.Request:
                LastUsedEpoch = Runtime.Collector.Epoch;
                Runtime.Instruments.OnRequestStarted((Request)message!);
                ((Request)message!).Run(Instance!, this);
                break;
            case WorkKind.Tick:
                RunTick((TimerTick)message!);
                break;
            case WorkKind.Activate:
                Observe(ActivateAsync(), OnActivated);
                break;
            case WorkKind.Deactivate:
                Observe(DeactivateAsync(), OnDeactivated);
                break;
        }
    }

    private static void Observe(Task task, Action<Task> then)
    {
        if (task.IsCompleted) then(task);
        else ObserveWhenDone(task, then);
    }

    // Its own method so that a task already completed does not pay for the closure (allocated on entry to the
    // method that declares the lambda).
    private static void ObserveWhenDone(Task task, Action<Task> then) =>
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => then(task));

    public void OnRequestCompleted(Request request, Exception? failure)
    {
        Runtime.Instruments.OnRequestCompleted(request, failure);
        if (failure is InconsistentStateException) StartDeactivation(DeactivationReason.InconsistentState);
        if (failure is not null && request.Method.IsOneWay)
        {
            Runtime.Logger.LogWarning(failure, "One-way call {Method} on {Grain} failed", request.Method, Id);
        }

        lock (_lock)
        {
            _inFlight--;
            if (ReferenceEquals(_running, request)) _running = null;
            else _moreRunning?.Remove(request);
            ScheduleIfRunnableLocked();
        }
    }

    private void ScheduleIfRunnableLocked()
    {
        if (_scheduled) return;
        var runnable = _continuationHead is not null
            || (_state == ActivationState.Valid && _head is not null && (CanStartHead() || _interleavingQueued > 0))
            || (_inFlight == 0 && _state == ActivationState.Deactivating && !_deactivating);
        if (!runnable) return;
        _scheduled = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    private void ReleaseTurn()
    {
        lock (_lock)
        {
            _inFlight--;
            ScheduleIfRunnableLocked();
        }
    }

    // ---- activation and deactivation ----

    private async Task ActivateAsync()
    {
        t_constructing = this;
        try
        {
            Instance = Class.Create(this, out _states);
        }
        finally
        {
            t_constructing = null;
        }

        foreach (var state in _states)
        {
            await state.ReadStateAsync();
        }

        if (Instance is Grain grain)
        {
            await grain.OnActivateAsync(Runtime.ShutdownToken);
        }
    }

    private void OnActivated(Task activation)
    {
        if (activation.IsCompletedSuccessfully)
        {
            Runtime.Instruments.OnActivated(Class);
            lock (_lock)
            {
                _state = _deactivationRequested ? ActivationState.Deactivating : ActivationState.Valid;
                _inFlight--;
                ScheduleIfRunnableLocked();
            }

            return;
        }

        var failure = activation.Exception?.InnerException ?? new TaskCanceledException(activation);
        Runtime.Logger.LogError(failure, "Activation of {Grain} failed", Id);
        List<Message> pending;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            _inFlight--;
            pending = DrainQueueLocked();
        }

        Runtime.Catalog.Remove(this);
        foreach (var message in pending)
        {
            (message as Request)?.TryFail(new ActivationFailedException(Id, failure));
        }
    }

    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid || _deactivationRequested) return;
            _deactivationReason = reason;
            if (_state == ActivationState.Valid) _state = ActivationState.Deactivating;
            else _deactivationRequested = true; // still activating: leave as soon as that finishes
            ScheduleIfRunnableLocked();
        }
    }

    public void DelayDeactivation(TimeSpan period) =>
        KeepAliveUntilEpoch = Runtime.Collector.Epoch + Runtime.Collector.QuantaFor(period);

    private async Task DeactivateAsync()
    {
        StopTimers();
        try
        {
            if (Instance is Grain grain) await grain.OnDeactivateAsync(_deactivationReason, CancellationToken.None);
        }
        finally
        {
            // Before this activation leaves the catalog, so a call that arrives meanwhile registers its successor afresh.
            if (Class.PreferLocal) await Runtime.LeaveDirectoryAsync(Id);
        }
    }

    private void OnDeactivated(Task deactivation)
    {
        if (!deactivation.IsCompletedSuccessfully)
        {
            Runtime.Logger.LogWarning(deactivation.Exception?.InnerException, "OnDeactivateAsync of {Grain} failed", Id);
        }

        List<Message> pending;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            _inFlight--;
            pending = DrainQueueLocked();
        }

        Runtime.Catalog.Remove(this);
        Runtime.Instruments.OnDeactivated(Class);
        foreach (var message in pending)
        {
            // Calls that arrived while this activation was leaving go to its successor.
            if (message is Request request) Runtime.Reroute(request);
        }
    }

    private List<Message> DrainQueueLocked()
    {
        var pending = new List<Message>(_queued);
        for (var m = _head; m is not null;)
        {
            var next = m.Next;
            m.Next = null;
            pending.Add(m);
            m = next;
        }

        _head = _tail = null;
        _queued = 0;
        _interleavingQueued = 0;
        return pending;
    }

    /// <summary>Fails the calls whose deadline has passed, queued or running.</summary>
    public void ExpireRequests(long now)
    {
        if (Volatile.Read(ref _queued) == 0 && Volatile.Read(ref _inFlight) == 0) return;
        List<Request>? expired = null;
        lock (_lock)
        {
            Message? previous = null;
            for (var m = _head; m is not null;)
            {
                var next = m.Next;
                if (m is Request r && r.Deadline <= now)
                {
                    if (previous is null) _head = next;
                    else previous.Next = next;
                    if (ReferenceEquals(_tail, m)) _tail = previous;
                    m.Next = null;
                    _queued--;
                    if (m.Interleaves) _interleavingQueued--;
                    (expired ??= []).Add(r);
                }
                else
                {
                    previous = m;
                }

                m = next;
            }

            if (_running is { } running && running.Deadline <= now && !running.IsAnswered) (expired ??= []).Add(running);
            if (_moreRunning is not null)
            {
                foreach (var r in _moreRunning)
                {
                    if (r.Deadline <= now && !r.IsAnswered) (expired ??= []).Add(r);
                }
            }
        }

        if (expired is null) return;
        foreach (var request in expired)
        {
            if (request.TryFail(new GrainCallTimeoutException(request.Method, request.Target, Runtime.TimeoutOf(request))))
            {
                Runtime.Instruments.OnTimeout(request);
            }
        }
    }

    // ---- timers ----

    public GrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, state, options);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"Cannot register a timer on {Id} while it deactivates.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock) _timers?.Remove(timer);
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            if (_timers is null) return;
            timers = [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers) timer.Dispose();
    }

    private void RunTick(TimerTick tick)
    {
        if (tick.Timer.Options.KeepAlive) LastUsedEpoch = Runtime.Collector.Epoch;
        Task task;
        try
        {
            task = tick.Timer.Invoke();
        }
        catch (Exception exception)
        {
            task = Task.FromException(exception);
        }

        Observe(task, t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                Runtime.Logger.LogWarning(t.Exception?.InnerException, "Timer tick of {Grain} failed", Id);
            }

            tick.Timer.OnTickCompleted();
            ReleaseTurn();
        });
    }
}
