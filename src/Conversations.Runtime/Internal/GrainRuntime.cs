using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Invocation;
using Conversations.Runtime.Observers;
using Conversations.Runtime.Reminders;
using Microsoft.Extensions.Logging;

namespace Conversations.Runtime.Internal;

/// <summary>
/// The core of a silo: makes references, routes each request to a local activation, an observer or
/// another silo, and enforces call deadlines.
/// </summary>
// Not IDisposable on purpose: it is also resolved as IGrainFactory, and a container disposes what it resolves —
// the silo, which owns it, releases it in ReleaseResources.
internal sealed class GrainRuntime : IGrainFactory, IGrainReferenceRuntime
{
    // A request whose owner the silos disagree on waits for their views to converge, up to 5 s in all (the count
    // travels with the request from silo to silo, so it stays within MessageCodec.MaxViewWaits).
    private const int MaxViewWaits = 50;
    private static readonly TimeSpan ViewWaitInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan DirectoryTimeout = TimeSpan.FromSeconds(5);

    private readonly GrainClassRegistry _classes;
    private readonly RuntimeOptions _options;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly long _startTicks;
    private ITimer? _deadlineTimer;
    private long _now;

    // Activations that have had a request queued since the last sweep, or still hold one: only they can have a request
    // past its deadline. Sweeping every activation instead cost a core tens of milliseconds a second at tens of thousands.
    private readonly ConcurrentQueue<ActivationData> _withRequests = new();
    private volatile bool _accepting;

    public GrainRuntime(
        GrainClassRegistry classes,
        RuntimeOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        IClusterMembership membership,
        IPlacementDirector placement,
        IMessageTransport transport,
        IReminderTable reminderTable,
        IMeterFactory? meterFactory = null)
    {
        _classes = classes;
        _options = options;
        TimeProvider = timeProvider;
        Logger = logger;
        Membership = membership;
        Placement = placement;
        Transport = transport;
        _startTicks = timeProvider.GetUtcNow().UtcTicks;
        Collector = new ActivationCollector(options.CollectionQuantum);
        Catalog = new Catalog(this);
        Observers = new ObserverRegistry();
        Directory = new GrainDirectory(membership);
        Instruments = new RuntimeInstruments(meterFactory, () => Catalog.Count, () => Catalog.All.Sum(a => (long)a.QueueLength));
        Reminders = new ReminderService(reminderTable, this, options.MinimumReminderPeriod) { Owns = OwnsByHash };
        membership.ViewChanged += OnViewChanged;
    }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public IClusterMembership Membership { get; }

    public IPlacementDirector Placement { get; }

    public IMessageTransport Transport { get; }

    public ActivationCollector Collector { get; }

    public Catalog Catalog { get; }

    public ObserverRegistry Observers { get; }

    public GrainDirectory Directory { get; }

    public RuntimeInstruments Instruments { get; }

    public ReminderService Reminders { get; }

    public GrainClassRegistry Classes => _classes;

    public CancellationToken ShutdownToken => _shutdown.Token;

    public IGrainFactory GrainFactory => this;

    public bool IsAccepting => _accepting;

    public void Start()
    {
        _accepting = true;
        Collector.Start(TimeProvider, Catalog);
        _deadlineTimer = TimeProvider.CreateTimer(static s => ((GrainRuntime)s!).ExpireDeadlines(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>No new activations from now on; existing ones keep answering until deactivated.</summary>
    public void StopAccepting()
    {
        _accepting = false;
        _shutdown.Cancel();
    }

    // ---- IGrainFactory ----

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0) throw new ArgumentException("A grain key must not be empty.", nameof(key));
        return (TGrainInterface)(object)GrainInterfaceCatalog.Shared.CreateReference(
            typeof(TGrainInterface), this, new GrainId(_classes.TypeNameFor(typeof(TGrainInterface)), key));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        (TGrainInterface)(object)GrainInterfaceCatalog.Shared.CreateReference(
            typeof(TGrainInterface), this, new GrainId(_classes.TypeNameFor(typeof(TGrainInterface)), key.ToString("N")));

    public TInterface GetReference<TInterface>(GrainId grainId) where TInterface : IAddressable =>
        (TInterface)(object)GrainInterfaceCatalog.Shared.CreateReference(typeof(TInterface), this, grainId);

    public TObserver CreateObjectReference<TObserver>(TObserver observer) where TObserver : class, IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (observer is GrainReference) throw new ArgumentException("The object is already a reference.", nameof(observer));
        var id = Observers.Register(observer, Membership.LocalSilo.ToString());
        return GetReference<TObserver>(id);
    }

    public void DeleteObjectReference<TObserver>(TObserver reference) where TObserver : IGrainObserver
    {
        if (reference is not GrainReference grainReference || grainReference.GrainId.Type != ObserverRegistry.ObserverType)
        {
            throw new ArgumentException("Not an observer reference made by CreateObjectReference.", nameof(reference));
        }

        Observers.Unregister(grainReference.GrainId);
    }

    // ---- routing ----

    public void Send(GrainReference reference, Request request)
    {
        request.Target = reference.GrainId;
        request.Deadline = Volatile.Read(ref _now) + DeadlineSeconds(request);
        Instruments.OnSend(request);
        if (reference.CachedTarget is ActivationData cached && TryEnqueueLocal(cached, request)) return;
        Route(request, reference);
    }

    /// <summary>Routes a request that arrived from another silo, with the time its caller still waits.</summary>
    public void ReceiveRemote(Request request, TimeSpan remaining)
    {
        request.Deadline = Volatile.Read(ref _now) + (long)Math.Ceiling(remaining.TotalSeconds);
        Instruments.OnSend(request);
        Route(request, null);
    }

    /// <summary>Sends a request again after the activation it was queued on went away.</summary>
    public void Reroute(Request request) => Route(request, null);

    /// <summary>Delivers a request that arrived from another silo (or was rerouted) to this silo's activation.</summary>
    public void Route(Request request, GrainReference? reference)
    {
        var id = request.Target;
        if (id.Type == ObserverRegistry.ObserverType)
        {
            // Most observer calls are to this process's own connections: a dictionary hit, no address to compare.
            if (Observers.TryInvoke(request)) return;
            var host = ObserverRegistry.HostOf(id);
            if (host == Membership.LocalSilo.ToString()) request.TryFail(new ObserverNotFoundException(id));
            else Transport.Send(SiloAddress.Parse(host), request);
            return;
        }

        if (id.Type == GrainDirectory.DirectoryType)
        {
            if (IsOwnedHere(request, reference, PlacementStrategy.Hash)) Directory.Invoke(request);
            return;
        }

        if (!_classes.TryGet(id.Type, out var grainClass))
        {
            request.TryFail(new InvalidOperationException($"No grain class of type '{id.Type}' is registered with this silo."));
            return;
        }

        var strategy = StrategyOf(grainClass);
        if (strategy == PlacementStrategy.PreferLocal && Membership.ActiveSilos.Count > 1 && !Catalog.TryGet(id, out _))
        {
            _ = RouteThroughDirectoryAsync(request, grainClass, reference);
            return;
        }

        if (IsOwnedHere(request, reference, strategy)) DeliverLocally(request, grainClass, reference);
    }

    /// <summary>Whether this silo owns the request's target; if not, the request is on its way to the owner (or failed).</summary>
    private bool IsOwnedHere(Request request, GrainReference? reference, PlacementStrategy strategy)
    {
        SiloAddress owner;
        try
        {
            owner = Placement.PlaceGrain(request.Target, strategy);
        }
        catch (SiloUnavailableException exception)
        {
            request.TryFail(exception);
            return false;
        }

        if (owner == Membership.LocalSilo) return true;
        SendTowards(owner, request, reference);
        return false;
    }

    private void SendTowards(SiloAddress owner, Request request, GrainReference? reference)
    {
        if (request.Hops >= TcpMessageTransport.MaxHops) WaitForView(request, reference);
        else Transport.Send(owner, request);
    }

    /// <summary>
    /// A prefer-local grain with no activation here: the directory names the silo that hosts it, or makes this
    /// silo the host when none does, so that the grain stays single-activation across the cluster.
    /// </summary>
    private async Task RouteThroughDirectoryAsync(Request request, GrainClass grainClass, GrainReference? reference)
    {
        SiloAddress host;
        try
        {
            host = await RegisterHereAsync(request.Target);
        }
        catch (Exception exception)
        {
            request.TryFail(exception);
            return;
        }

        if (host == Membership.LocalSilo) DeliverLocally(request, grainClass, reference);
        else SendTowards(host, request, reference);
    }

    private IGrainDirectory DirectoryOf(GrainId grainId) => GetReference<IGrainDirectory>(GrainDirectory.EntryOf(grainId));

    /// <summary>Offers this silo as the host of <paramref name="grainId"/>; the answer is the silo that hosts it.</summary>
    private async Task<SiloAddress> RegisterHereAsync(GrainId grainId) =>
        SiloAddress.Parse(await DirectoryOf(grainId).Register(grainId.ToString(), Membership.LocalSilo.ToString()));

    /// <summary>A prefer-local activation left: the directory forgets it, so the next caller may host the grain.</summary>
    public async Task LeaveDirectoryAsync(GrainId grainId)
    {
        try
        {
            await DirectoryOf(grainId).Unregister(grainId.ToString(), Membership.LocalSilo.ToString()).WaitAsync(DirectoryTimeout);
        }
        catch (Exception exception)
        {
            // The entry stays until its host leaves the cluster; calls then find no activation here and re-register.
            Logger.LogDebug(exception, "Could not remove {Grain} from the grain directory", grainId);
        }
    }

    /// <summary>
    /// A request forwarded as often as allowed still belongs elsewhere in this silo's view: the silos'
    /// views disagree for a moment (one has not seen a change yet), so route it again shortly.
    /// </summary>
    private void WaitForView(Request request, GrainReference? reference)
    {
        if (++request.ViewWaits > MaxViewWaits)
        {
            request.TryFail(new SiloUnavailableException($"The silos do not agree who owns {request.Target}; retry."));
            return;
        }

        ITimer? timer = null;
        timer = TimeProvider.CreateTimer(
            _ =>
            {
                timer?.Dispose();
                // The silo that sent it here may have caught up by now: allow one more hop.
                request.Hops = TcpMessageTransport.MaxHops - 1;
                Route(request, reference);
            },
            null, ViewWaitInterval, Timeout.InfiniteTimeSpan);
    }

    public void DeliverLocally(Request request, GrainClass grainClass, GrainReference? reference)
    {
        while (true)
        {
            if (!_accepting && !Catalog.TryGet(request.Target, out _))
            {
                request.TryFail(new SiloUnavailableException($"Silo {Membership.LocalSilo} is not accepting calls (it is {(_shutdown.IsCancellationRequested ? "shutting down" : "not started")})."));
                return;
            }

            var activation = Catalog.GetOrCreate(request.Target, grainClass);
            if (TryEnqueueLocal(activation, request))
            {
                // A stateless worker's reference must not stick to one activation: each call picks the least busy.
                if (reference is not null && !grainClass.IsStatelessWorker) reference.CachedTarget = activation;
                return;
            }
        }
    }

    private bool TryEnqueueLocal(ActivationData activation, Request request)
    {
        if (_options.MaxQueuedPerActivation > 0 && activation.QueueLength >= _options.MaxQueuedPerActivation)
        {
            request.TryFail(new GrainOverloadedException(
                $"{request.Target} has {activation.QueueLength} calls waiting, the most RuntimeOptions.MaxQueuedPerActivation allows; try again later."));
            return true;
        }

        return activation.TryEnqueue(request);
    }

    /// <summary>Whether this silo owns <paramref name="id"/>'s hash range in its current view (reminders and hash-placed grains).</summary>
    public bool OwnsByHash(GrainId id)
    {
        try
        {
            return Placement.PlaceGrain(id, PlacementStrategy.Hash) == Membership.LocalSilo;
        }
        catch (SiloUnavailableException)
        {
            return false;
        }
    }

    /// <summary>
    /// The cluster changed: activations of grains another silo now owns finish their turn and leave (their
    /// queued calls follow them to the new owner), and reminders move with their hash ranges.
    /// </summary>
    private void OnViewChanged()
    {
        Reminders.DropUnowned();
        Directory.Prune(OwnsByHash);
        if (_accepting)
        {
            _ = LoadOwnedRemindersAsync();
            _ = ReregisterPreferLocalAsync();
        }

        foreach (var activation in Catalog.All)
        {
            if (StrategyOf(activation.Class) == PlacementStrategy.Hash && !OwnsByHash(activation.Id))
            {
                activation.StartDeactivation(DeactivationReason.OwnershipChanged);
            }
        }
    }

    /// <summary>
    /// Directory entries may have moved to a silo that never saw them: every prefer-local activation registers
    /// again, and one that finds another silo already hosting its grain (both activated while views disagreed) leaves.
    /// </summary>
    private async Task ReregisterPreferLocalAsync()
    {
        if (Membership.ActiveSilos.Count <= 1) return;
        foreach (var activation in Catalog.All.Where(a => StrategyOf(a.Class) == PlacementStrategy.PreferLocal).ToList())
        {
            try
            {
                var host = await RegisterHereAsync(activation.Id).WaitAsync(DirectoryTimeout);
                if (host != Membership.LocalSilo) activation.StartDeactivation(DeactivationReason.OwnershipChanged);
            }
            catch (Exception exception)
            {
                Logger.LogWarning(exception, "Could not register {Grain} with the grain directory after a view change", activation.Id);
            }
        }
    }

    private async Task LoadOwnedRemindersAsync()
    {
        // The reminder table may be briefly unreachable (a database failover): keep trying for a minute.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Reminders.LoadRangeAsync(0, uint.MaxValue, ShutdownToken);
                return;
            }
            catch (OperationCanceledException)
            {
                return; // the silo is stopping; its reminders go to the others
            }
            catch (Exception exception)
            {
                if (attempt >= 60)
                {
                    Logger.LogError(exception, "Taking over reminders after a view change failed; the next view change tries again");
                    return;
                }

                Logger.LogWarning(exception, "Taking over reminders after a view change failed (attempt {Attempt}); retrying", attempt);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider, ShutdownToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public static PlacementStrategy StrategyOf(GrainClass grainClass) =>
        grainClass.IsStatelessWorker ? PlacementStrategy.StatelessWorker
        : grainClass.PreferLocal ? PlacementStrategy.PreferLocal
        : PlacementStrategy.Hash;

    public TimeSpan TimeoutOf(Request request) => request.Method.ResponseTimeout ?? _options.ResponseTimeout;

    private long DeadlineSeconds(Request request) => (long)Math.Ceiling(TimeoutOf(request).TotalSeconds);

    /// <summary>Called by an activation when a request is queued to it and it is not in the deadline sweep yet.</summary>
    internal void WatchDeadlines(ActivationData activation) => _withRequests.Enqueue(activation);

    private void ExpireDeadlines()
    {
        var now = (TimeProvider.GetUtcNow().UtcTicks - _startTicks) / TimeSpan.TicksPerSecond;
        Volatile.Write(ref _now, now);
        // Those queued before this sweep began; any added meanwhile wait for the next one.
        for (var left = _withRequests.Count; left > 0 && _withRequests.TryDequeue(out var activation); left--)
        {
            activation.ExpireRequests(now);
            if (activation.KeepWatchingDeadlines()) _withRequests.Enqueue(activation);
        }
    }

    /// <summary>Releases timers, meters and the transport; called once by the silo after it stopped.</summary>
    public void ReleaseResources()
    {
        Membership.ViewChanged -= OnViewChanged;
        _deadlineTimer?.Dispose();
        Collector.Dispose();
        Reminders.Dispose();
        Instruments.Dispose();
        _shutdown.Dispose();
    }
}
