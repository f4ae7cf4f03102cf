using Conversations.Runtime;

namespace Conversations.Runtime.Tests.Grains;

/// <summary>A grain that records whether two turns ever overlapped.</summary>
public interface IGuardedGrain : IGrainWithStringKey
{
    Task<int> Work(int yields);

    Task<int> MaxConcurrent();

    Task<int> Overlaps();
}

/// <summary>A counter with persistent state.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task<string?> ActivationId();

    Task Deactivate();

    Task KeepAlive(TimeSpan period);
}

/// <summary>A grain whose class has a short idle collection age ([CollectionAgeLimit]).</summary>
public interface IBriefGrain : IGrainWithStringKey
{
    Task<string> ActivationId();
}

/// <summary>A total kept in a named store (not the default one), which it can also clear.</summary>
public interface IArchiveGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    Task<int> Total();

    Task<string?> ETag();

    Task Clear();

    Task Deactivate();
}

/// <summary>Exceptions, timeouts and one-way calls.</summary>
public interface IBehaviourGrain : IGrainWithStringKey
{
    Task Throw(string message);

    Task<int> Echo(int value);

    Task<string?> EchoNullable(string? value);

    Task WaitForever();

    [ResponseTimeout("00:00:05")]
    Task WaitForeverShortDeadline();

    [OneWay]
    Task OneWayRecord(string value);

    Task<IReadOnlyList<string>> Recorded();

    Task<int> CallOther(string key, int value);

    Task<int> ValueTaskEcho(int value);

    [AlwaysInterleave]
    Task<int> Peek(int value);

    /// <summary>Stays inside the grain until the probe's gate opens.</summary>
    Task Hold();

    /// <summary>Registers a reminder, which this grain (not <see cref="IRemindable"/>) may not.</summary>
    Task RemindMe();
}

/// <summary>A grain whose first activation fails (once the probe's gate opens) and whose later ones succeed.</summary>
public interface IFlakyStartGrain : IGrainWithStringKey
{
    Task<int> Echo(int value);
}

/// <summary>A grain with a slow activation, to prove calls queue during it.</summary>
public interface ISlowStartGrain : IGrainWithStringKey
{
    Task<int> Next();
}

/// <summary>Timers and reminders.</summary>
public interface IClockGrain : IGrainWithStringKey
{
    Task StartTimer(TimeSpan due, TimeSpan period);

    Task<int> TimerTicks();

    /// <summary>The tick count, answered even while another call holds the grain.</summary>
    [AlwaysInterleave]
    Task<int> PeekTicks();

    /// <summary>Stays inside the grain until the probe's gate opens.</summary>
    Task Hold();

    /// <summary>How often a tick or call found another one inside the grain.</summary>
    Task<int> Overlaps();

    Task Deactivate();

    Task Remind(string name, TimeSpan due, TimeSpan period);

    Task RemindAt(string name, DateTimeOffset dueAt, TimeSpan period);

    Task Forget(string name);

    Task<bool> HasReminder(string name);
}

/// <summary>A stateless worker.</summary>
public interface IWorkerGrain : IGrainWithStringKey
{
    Task<string> Work(int yields);

    /// <summary>Answers (with the activation's id) once the probe's gate opens.</summary>
    Task<string> Hold();
}

/// <summary>A grain that calls back an observer.</summary>
public interface INotifierGrain : IGrainWithStringKey
{
    Task Subscribe(IPingObserver observer);

    Task Notify(string text);
}

/// <summary>An observer outside the grain world.</summary>
public interface IPingObserver : IGrainObserver
{
    Task Ping(string text);
}

/// <summary>A reentrant grain that interleaves at awaits.</summary>
public interface IReentrantGrain : IGrainWithStringKey
{
    Task<int> Work(int yields);

    Task<int> MaxInterleaved();

    Task<int> Overlaps();
}

/// <summary>Keeps a reference to another grain in its persistent state.</summary>
public interface IRelayGrain : IGrainWithGuidKey
{
    Task Point(ICounterGrain target);

    Task<int> IncrementTarget();

    Task Deactivate();
}

/// <summary>A grain whose deactivation waits on a gate, to prove calls during it are not lost.</summary>
public interface ISlowStopGrain : IGrainWithStringKey
{
    Task<string> Id();

    Task Leave();
}

/// <summary>Pushes a numbered sequence to an observer, one-way, as a session pushes events.</summary>
public interface IPusherGrain : IGrainWithStringKey
{
    Task Push(ISequenceObserver observer, int count);
}

/// <summary>Receives numbered pushes.</summary>
public interface ISequenceObserver : IGrainObserver
{
    [OneWay]
    Task Next(int number);
}

/// <summary>A prefer-local tally kept in memory: which silo hosts it and how often it was called there.</summary>
public interface ILocalTallyGrain : IGrainWithStringKey
{
    Task<(string Silo, int Count)> Add();

    Task Deactivate();
}
