using Microsoft.Extensions.Logging;

namespace Conversations.Runtime.Cluster;

/// <summary>
/// A silo's membership in a cluster kept in an <see cref="IMembershipTable"/>: it joins (joining, then
/// active, once it reaches every active silo), probes its <see cref="ClusterOptions.ProbedSilos"/> successors
/// on the <see cref="ProbeRing"/> each <see cref="ClusterOptions.ProbePeriod"/>, votes a silo suspect
/// after <see cref="ClusterOptions.MissedProbesLimit"/> missed probes, declares it dead when enough
/// fresh votes (or a mutual suspicion, as in a partition) agree, and stops its own silo when it finds
/// itself declared dead. Its view is the table's active silos, the same on every silo.
/// </summary>
public sealed class ClusterMembership : IClusterMembership, IAsyncDisposable
{
    private static long s_lastGeneration;

    private readonly ClusterOptions _options;
    private readonly IMembershipTable _table;
    private readonly TcpMessageTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<SiloAddress, int> _missed = [];
    private readonly CancellationTokenSource _stopping = new();
    private volatile IReadOnlyList<SiloAddress> _view = [];
    private Task? _loop;
    private int _declaredDead;

    public ClusterMembership(ClusterOptions options, IMembershipTable table, TcpMessageTransport transport, TimeProvider timeProvider, ILogger<ClusterMembership> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _table = table;
        _transport = transport;
        _time = timeProvider;
        _logger = logger;
        LocalSilo = new SiloAddress(options.Host, transport.Port, NextGeneration(timeProvider));
    }

    public SiloAddress LocalSilo { get; }

    public IReadOnlyList<SiloAddress> ActiveSilos => _view;

    public event Action? ViewChanged;

    /// <summary>Raised once when this silo finds itself declared dead by the others: it must stop at once.</summary>
    public event Action? LocalSiloDeclaredDead;

    public ClusterOptions Options => _options;

    internal TcpMessageTransport Transport => _transport;

    /// <summary>
    /// Joins the cluster: older incarnations at this endpoint are marked dead, this silo is written joining, waits
    /// until it reaches every active silo (or the others declare the unreachable ones dead), then becomes active.
    /// Throws <see cref="ClusterJoinException"/>, with its own row written dead, when that does not happen within
    /// <see cref="ClusterOptions.JoinTimeout"/>: a silo that cannot talk to the cluster must not serve in it.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await _table.InitAsync(cancellationToken);
        await UpdateAsync(snapshot =>
        {
            // A row at this host and port with an older generation is a previous run of this silo: it is gone.
            var stale = snapshot.Entries.FirstOrDefault(e =>
                e.Silo.Host == LocalSilo.Host && e.Silo.Port == LocalSilo.Port && e.Silo.Generation < LocalSilo.Generation && e.Status != SiloStatus.Dead);
            if (stale is not null) return stale with { Status = SiloStatus.Dead };
            var now = _time.GetUtcNow();
            return new MembershipEntry(LocalSilo, SiloStatus.Joining, now, now, []);
        }, repeatUntil: s => s.Find(LocalSilo) is not null, cancellationToken);

        try
        {
            await WaitUntilActiveSilosAnswerAsync(cancellationToken);
        }
        catch
        {
            // Whatever stopped the join (the host logs why), leave no joining row behind for the others to probe.
            try
            {
                await SetOwnStatusAsync(SiloStatus.Dead, CancellationToken.None);
            }
            catch (Exception write)
            {
                _logger.LogWarning(write, "Silo {Silo} could not mark itself dead after a failed join", LocalSilo);
            }

            throw;
        }

        await SetOwnStatusAsync(SiloStatus.Active, cancellationToken);
        _logger.LogInformation("Silo {Silo} joined cluster {Cluster} with {Count} active silos", LocalSilo, _options.Id, _view.Count);
        _loop = RunAsync();
    }

    /// <summary>
    /// Probes the active silos until each has answered once or is no longer active, re-reading the table every
    /// probe period. Silos whose heartbeat is stale (a crashed earlier run) are not waited for: nobody may be
    /// left to declare them dead, and once active this silo's own probes will.
    /// </summary>
    private async Task WaitUntilActiveSilosAnswerAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = _time.GetUtcNow() + _options.JoinTimeout;
        var reached = new HashSet<SiloAddress>();
        IReadOnlyList<SiloAddress> reported = [];
        while (true)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            if (snapshot.Find(LocalSilo) is not { Status: not SiloStatus.Dead })
            {
                throw new ClusterJoinException($"Silo {LocalSilo} was declared dead by cluster '{_options.Id}' while it was joining: the other silos cannot reach it on its silo port (check '{ClusterOptions.SectionName}:Host' and '{ClusterOptions.SectionName}:SiloPort').");
            }

            var now = _time.GetUtcNow();
            var pending = snapshot.Entries
                .Where(e => e.Status == SiloStatus.Active && e.Silo != LocalSilo && IsFresh(e, now) && !reached.Contains(e.Silo))
                .Select(e => e.Silo)
                .ToList();
            var answers = await Task.WhenAll(pending.Select(p => _transport.ProbeAsync(p, _options.ProbeTimeout)));
            var unreachable = pending.Where((_, i) => !answers[i]).ToList();
            reached.UnionWith(pending.Where((_, i) => answers[i]));
            if (unreachable.Count == 0) return;

            if (_time.GetUtcNow() >= giveUpAt)
            {
                throw new ClusterJoinException(
                    $"Silo {LocalSilo} cannot join cluster '{_options.Id}': active silo(s) {string.Join(", ", unreachable)} did not answer its probes within "
                    + $"'{ClusterOptions.SectionName}:JoinTimeout' ({_options.JoinTimeout}) and were not declared dead by the others. Check that every silo "
                    + $"reaches every other on its '{ClusterOptions.SectionName}:Host' and '{ClusterOptions.SectionName}:SiloPort'. This silo marked itself dead and does not start.",
                    unreachable);
            }

            if (!unreachable.SequenceEqual(reported))
            {
                _logger.LogWarning("Joining silo {Silo} cannot reach active silo(s) {Peers}; it waits until they answer or are declared dead (at most {Timeout})",
                    LocalSilo, string.Join(", ", unreachable), _options.JoinTimeout);
                reported = unreachable;
            }

            await Task.Delay(_options.ProbePeriod, _time, cancellationToken);
        }
    }

    /// <summary>First step of a graceful stop: status shutting down, so every silo (this one too) places grains elsewhere.</summary>
    public Task BeginLeaveAsync(CancellationToken cancellationToken) => SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <summary>Last step of a graceful stop: no more probes, status dead.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        await SetOwnStatusAsync(SiloStatus.Dead, cancellationToken);
    }

    /// <summary>Stops probing without touching the table (what a crash looks like to the others).</summary>
    public async Task StopLoopAsync()
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
    }

    private async Task SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        await UpdateAsync(snapshot =>
        {
            var own = snapshot.Find(LocalSilo);
            if (own is null || own.Status == SiloStatus.Dead || own.Status == status) return null;
            return own with { Status = status, HeartbeatAt = _time.GetUtcNow() };
        }, repeatUntil: _ => true, cancellationToken);
    }

    /// <summary>Reads, decides a row to write (or nothing), and writes it conditionally; repeats on conflicts.</summary>
    private async Task UpdateAsync(Func<MembershipSnapshot, MembershipEntry?> decide, Func<MembershipSnapshot, bool> repeatUntil, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            var entry = decide(snapshot);
            if (entry is null)
            {
                Apply(snapshot);
                return;
            }

            if (await _table.TryWriteAsync(entry, snapshot.Version, cancellationToken))
            {
                var written = await _table.ReadAllAsync(cancellationToken);
                Apply(written);
                if (repeatUntil(written)) return;
            }
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ProbePeriod, _time, token);
                await TickAsync(token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The table may be briefly unreachable; the next tick tries again with a fresh read.
                _logger.LogWarning(exception, "Membership round of silo {Silo} failed", LocalSilo);
            }
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _table.ReadAllAsync(cancellationToken);
        Apply(snapshot);
        if (Volatile.Read(ref _declaredDead) == 1) return;
        await _table.HeartbeatAsync(LocalSilo, _time.GetUtcNow(), cancellationToken);

        var peers = ProbeRing.TargetsOf(LocalSilo, LiveSilos(snapshot), _options.ProbedSilos);
        var answers = await Task.WhenAll(peers.Select(p => _transport.ProbeAsync(p, _options.ProbeTimeout)));
        foreach (var gone in _missed.Keys.Except(peers).ToList()) _missed.Remove(gone);
        for (var i = 0; i < peers.Count; i++)
        {
            var missed = answers[i] ? 0 : _missed.GetValueOrDefault(peers[i]) + 1;
            _missed[peers[i]] = missed;
            if (missed >= _options.MissedProbesLimit) await SuspectAsync(peers[i], cancellationToken);
        }
    }

    private async Task SuspectAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            Apply(snapshot);
            var entry = snapshot.Find(target);
            var own = snapshot.Find(LocalSilo);
            if (entry is null || entry.Status == SiloStatus.Dead || own is null || own.Status == SiloStatus.Dead) return;

            var now = _time.GetUtcNow();
            var fresh = entry.Suspicions.Where(s => now - s.At < _options.SuspicionWindow && s.Voter != LocalSilo).ToList();
            fresh.Add(new Suspicion(LocalSilo, now));
            var voters = fresh.Select(s => s.Voter).Distinct().Count();
            // Only the target's watchers on the probe ring vote, and those whose heartbeat is stale (rows left by a
            // crashed earlier run) cannot, so neither a large cluster nor stale rows ever block a death.
            var watchers = ProbeRing.WatchersOf(target, LiveSilos(snapshot), _options.ProbedSilos);
            var couldVote = snapshot.Entries.Count(e =>
                e.Silo == LocalSilo || (watchers.Contains(e.Silo) && e.Status is SiloStatus.Active or SiloStatus.ShuttingDown && IsFresh(e, now)));
            var needed = Math.Min(_options.VotesForDeath, Math.Max(1, couldVote));
            // Mutual suspicion means a partition between the two: the second to vote settles it, so one side dies.
            var mutual = own.Suspicions.Any(s => s.Voter == target && now - s.At < _options.SuspicionWindow);
            var dead = voters >= needed || mutual;
            var updated = entry with { Suspicions = fresh, Status = dead ? SiloStatus.Dead : entry.Status };
            if (await _table.TryWriteAsync(updated, snapshot.Version, cancellationToken))
            {
                if (dead)
                {
                    _logger.LogWarning("Silo {Silo} declared silo {Dead} dead ({Votes} votes{Mutual})", LocalSilo, target, voters, mutual ? ", mutual suspicion" : "");
                    _transport.Disconnect(target);
                }
                else
                {
                    _logger.LogInformation("Silo {Silo} suspects silo {Suspect} ({Votes} of {Needed} votes)", LocalSilo, target, voters, needed);
                }

                Apply(await _table.ReadAllAsync(cancellationToken));
                return;
            }
        }
    }

    /// <summary>The silos on the probe ring: every row not dead (joining silos are probed too, so a crash while joining is noticed).</summary>
    private static IEnumerable<SiloAddress> LiveSilos(MembershipSnapshot snapshot) =>
        snapshot.Entries.Where(e => e.Status != SiloStatus.Dead).Select(e => e.Silo);

    private bool IsFresh(MembershipEntry entry, DateTimeOffset now) => now - entry.HeartbeatAt < _options.SuspicionWindow;

    private void Apply(MembershipSnapshot snapshot)
    {
        var own = snapshot.Find(LocalSilo);
        if (own?.Status == SiloStatus.Dead && _loop is not null && Interlocked.Exchange(ref _declaredDead, 1) == 0)
        {
            _logger.LogError("Silo {Silo} was declared dead by the cluster; it stops", LocalSilo);
            _ = _stopping.CancelAsync();
            ThreadPool.UnsafeQueueUserWorkItem(static m => m.LocalSiloDeclaredDead?.Invoke(), this, preferLocal: false);
        }

        foreach (var dead in snapshot.Entries.Where(e => e.Status == SiloStatus.Dead && e.Silo != LocalSilo)) _transport.Disconnect(dead.Silo);

        var view = snapshot.Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo)
            .OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        var current = _view;
        if (current.Count == view.Count && current.SequenceEqual(view)) return;
        _view = view;
        _logger.LogInformation("Silo {Silo} sees {Count} active silos: {View}", LocalSilo, view.Count, string.Join(", ", view));
        ViewChanged?.Invoke();
    }

    private static long NextGeneration(TimeProvider time)
    {
        // Unique per process even when several silos start in the same tick (in-process test clusters).
        var candidate = time.GetUtcNow().UtcTicks;
        while (true)
        {
            var last = Interlocked.Read(ref s_lastGeneration);
            var next = Math.Max(candidate, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last) return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopLoopAsync();
        _stopping.Dispose();
    }
}
