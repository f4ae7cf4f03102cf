using System.Collections.Concurrent;
using System.Diagnostics;

namespace Conversations.Load.Measurement;

/// <summary>Counters, errors by code, latency histograms and per-window series of one run (or one worker of it).</summary>
public sealed class RunMetrics
{
    private static readonly int s_counterCount = Enum.GetValues<Counter>().Length;
    private static readonly int s_latencyCount = Enum.GetValues<Latency>().Length;
    private static readonly int s_seriesCount = Enum.GetValues<Series>().Length;

    private readonly long[] _counters = new long[s_counterCount];
    private readonly LatencyHistogram[] _latencies;
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorsByMethod = new(StringComparer.Ordinal);
    private readonly long[,] _series;
    private readonly LatencyHistogram?[] _ackWindows;
    private readonly LatencyHistogram?[] _botWindows;
    private readonly Stopwatch _clock = new();
    private long _connections;

    /// <param name="windows">How many chart windows to keep.</param>
    /// <param name="windowSeconds">The width of one window.</param>
    public RunMetrics(int windows, double windowSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(windowSeconds, 0);
        Windows = windows;
        WindowSeconds = windowSeconds;
        _latencies = [.. Enumerable.Range(0, s_latencyCount).Select(_ => new LatencyHistogram())];
        _series = new long[s_seriesCount, windows];
        _ackWindows = new LatencyHistogram?[windows];
        _botWindows = new LatencyHistogram?[windows];
    }

    public int Windows { get; }

    public double WindowSeconds { get; }

    /// <summary>Seconds since <see cref="StartClock"/>; 0 before.</summary>
    public double Elapsed => _clock.Elapsed.TotalSeconds;

    /// <summary>Set by the driver so latencies can be told apart by phase (steady: after the warm-up, outside the spike).</summary>
    public Func<double, bool> InSteady { get; set; } = static _ => true;

    public long OpenConnections => Interlocked.Read(ref _connections);

    public IReadOnlyDictionary<string, long> Errors => _errors;

    /// <summary>Errors keyed by "method code", to tell which call met them.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByMethod => _errorsByMethod;

    public void StartClock() => _clock.Start();

    public void Increment(Counter counter, long by = 1)
    {
        Interlocked.Add(ref _counters[(int)counter], by);
        Series? series = counter switch
        {
            Counter.MessagesSent => Series.Sent,
            Counter.MessagesAcked => Series.Acked,
            Counter.BotReplies => Series.BotReplies,
            _ => null,
        };
        if (series is { } s)
        {
            Interlocked.Add(ref _series[(int)s, Window()], by);
        }
    }

    public long Get(Counter counter) => Interlocked.Read(ref _counters[(int)counter]);

    public LatencyHistogram Histogram(Latency latency) => _latencies[(int)latency];

    public void Record(Latency latency, TimeSpan value)
    {
        _latencies[(int)latency].Record(value);
        if (latency is Latency.Ack or Latency.BotReply)
        {
            if (InSteady(Elapsed))
            {
                _latencies[(int)(latency == Latency.Ack ? Latency.AckSteady : Latency.BotReplySteady)].Record(value);
            }

            LatencyHistogram?[] windows = latency == Latency.Ack ? _ackWindows : _botWindows;
            int w = Window();
            LatencyHistogram window = Volatile.Read(ref windows[w]) ?? InitWindow(windows, w);
            window.Record(value);
        }
    }

    /// <summary>Counts a failure under its stable code (<c>E_OVERLOADED</c>…) or a transport code (<c>CONNECTION_LOST</c>…).</summary>
    public void Error(string code, string? method = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        _errors.AddOrUpdate(code, 1, static (_, n) => n + 1);
        if (method is not null)
        {
            _errorsByMethod.AddOrUpdate($"{method} {code}", 1, static (_, n) => n + 1);
        }

        Interlocked.Increment(ref _series[(int)Series.Errors, Window()]);
    }

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    /// <summary>Records a sampled value (connections, queue length…) for the current window; the last sample wins.</summary>
    /// <remarks>Stored plus one, so a window nobody sampled (a slow stats answer) reads as "no sample", not as zero.</remarks>
    public void Sample(Series series, long value) => Interlocked.Exchange(ref _series[(int)series, Window()], Math.Max(0, value) + 1);

    public static bool IsGauge(Series series) => series is Series.Connections or Series.Queued or Series.ActiveSessions or Series.AgentsOnline;

    public MetricsSnapshot Snapshot()
    {
        var counters = Enum.GetValues<Counter>().ToDictionary(c => c.ToString(), Get);
        var latencies = Enum.GetValues<Latency>().ToDictionary(l => l.ToString(), l => Histogram(l).Snapshot());
        var series = Enum.GetValues<Series>().ToDictionary(s => s.ToString(), s => Enumerable.Range(0, Windows).Select(w => Interlocked.Read(ref _series[(int)s, w])).ToArray());
        return new MetricsSnapshot(
            Windows,
            WindowSeconds,
            counters,
            new Dictionary<string, long>(_errors),
            new Dictionary<string, long>(_errorsByMethod),
            latencies,
            series,
            [.. _ackWindows.Select(h => h?.Snapshot())],
            [.. _botWindows.Select(h => h?.Snapshot())]);
    }

    /// <summary>Adds a worker's snapshot to these metrics (the parent of a sharded run merges its workers this way).</summary>
    public void Merge(MetricsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach ((string name, long value) in snapshot.Counters)
        {
            if (Enum.TryParse(name, out Counter counter))
            {
                Interlocked.Add(ref _counters[(int)counter], value);
            }
        }

        foreach ((string code, long count) in snapshot.Errors)
        {
            _errors.AddOrUpdate(code, count, (_, n) => n + count);
        }

        foreach ((string key, long count) in snapshot.ErrorsByMethod ?? new Dictionary<string, long>())
        {
            _errorsByMethod.AddOrUpdate(key, count, (_, n) => n + count);
        }

        foreach ((string name, HistogramSnapshot histogram) in snapshot.Latencies)
        {
            if (Enum.TryParse(name, out Latency latency))
            {
                _latencies[(int)latency].Add(LatencyHistogram.FromSnapshot(histogram));
            }
        }

        foreach ((string name, long[] values) in snapshot.Series)
        {
            if (!Enum.TryParse(name, out Series s))
            {
                continue;
            }

            // Gauges sampled by the server's stats are the same number seen by every worker; counters and connections add up.
            bool shared = s is Series.Queued or Series.ActiveSessions or Series.AgentsOnline;
            for (int w = 0; w < Math.Min(values.Length, Windows); w++)
            {
                long mine = _series[(int)s, w];
                long theirs = values[w];
                _series[(int)s, w] = shared ? Math.Max(mine, theirs)
                    : s == Series.Connections ? (mine == 0 && theirs == 0 ? 0 : Math.Max(0, mine - 1) + Math.Max(0, theirs - 1) + 1)
                    : mine + theirs;
            }
        }

        MergeWindows(_ackWindows, snapshot.AckWindows);
        MergeWindows(_botWindows, snapshot.BotReplyWindows);
    }

    /// <summary>A counter's count in the window, or a gauge's sample (-1 when the window has none).</summary>
    public long SeriesValue(Series series, int window)
    {
        long value = Interlocked.Read(ref _series[(int)series, window]);
        return IsGauge(series) ? value - 1 : value;
    }

    public LatencyHistogram? AckWindow(int window) => _ackWindows[window];

    public LatencyHistogram? BotReplyWindow(int window) => _botWindows[window];

    private static LatencyHistogram InitWindow(LatencyHistogram?[] windows, int w)
    {
        var created = new LatencyHistogram();
        return Interlocked.CompareExchange(ref windows[w], created, null) ?? created;
    }

    private void MergeWindows(LatencyHistogram?[] target, IReadOnlyList<HistogramSnapshot?> source)
    {
        for (int w = 0; w < Math.Min(source.Count, Windows); w++)
        {
            if (source[w] is { } snapshot)
            {
                (target[w] ?? InitWindow(target, w)).Add(LatencyHistogram.FromSnapshot(snapshot));
            }
        }
    }

    private int Window() => Math.Clamp((int)(Elapsed / WindowSeconds), 0, Windows - 1);
}
