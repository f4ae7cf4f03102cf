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
internal sealed class GrainRuntime : IGrainFactory, IGrainReferenceRuntime, IDisposable
{
    private readonly GrainClassRegistry _classes;
    private readonly RuntimeOptions _options;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly long _startTicks;
    private ITimer? _deadlineTimer;
    private long _now;
    private volatile bool _accepting;

    public GrainRuntime(
        GrainClassRegistry classes,
        RuntimeOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        IClusterMembership membership,
        IPlacementDirector placement,
        IMessageTransport transport,
        IReminderTable reminderTable)
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
        Instruments = new RuntimeInstruments(() => Catalog.Count, () => Catalog.All.Sum(a => (long)a.QueueLength));
        Reminders = new ReminderService(reminderTable, this, options.MinimumReminderPeriod);
    }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public IClusterMembership Membership { get; }

    public IPlacementDirector Placement { get; }

    public IMessageTransport Transport { get; }

    public ActivationCollector Collector { get; }

    public Catalog Catalog { get; }

    public ObserverRegistry Observers { get; }

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

    /// <summary>Sends a request again after the activation it was queued on went away.</summary>
    public void Reroute(Request request) => Route(request, null);

    /// <summary>Delivers a request that arrived from another silo (or was rerouted) to this silo's activation.</summary>
    public void Route(Request request, GrainReference? reference)
    {
        var id = request.Target;
        if (id.Type == ObserverRegistry.ObserverType)
        {
            var host = ObserverRegistry.HostOf(id);
            if (host == Membership.LocalSilo.ToString()) Observers.Invoke(request);
            else Transport.Send(SiloAddress.Parse(host), request);
            return;
        }

        if (!_classes.TryGet(id.Type, out var grainClass))
        {
            request.TryFail(new InvalidOperationException($"No grain class of type '{id.Type}' is registered with this silo."));
            return;
        }

        var owner = Placement.PlaceGrain(id, StrategyOf(grainClass));
        if (owner != Membership.LocalSilo)
        {
            Transport.Send(owner, request);
            return;
        }

        DeliverLocally(request, grainClass, reference);
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
                if (reference is not null) reference.CachedTarget = activation;
                return;
            }
        }
    }

    private bool TryEnqueueLocal(ActivationData activation, Request request)
    {
        if (_options.MaxQueuedPerActivation > 0 && activation.QueueLength >= _options.MaxQueuedPerActivation)
        {
            request.TryFail(new GrainOverloadedException($"{request.Target} has {activation.QueueLength} calls waiting; try again later."));
            return true;
        }

        return activation.TryEnqueue(request);
    }

    public static PlacementStrategy StrategyOf(GrainClass grainClass) =>
        grainClass.IsStatelessWorker ? PlacementStrategy.StatelessWorker
        : grainClass.PreferLocal ? PlacementStrategy.PreferLocal
        : PlacementStrategy.Hash;

    public TimeSpan TimeoutOf(Request request) => request.Method.ResponseTimeout ?? _options.ResponseTimeout;

    private long DeadlineSeconds(Request request) => (long)Math.Ceiling(TimeoutOf(request).TotalSeconds);

    private void ExpireDeadlines()
    {
        var now = (TimeProvider.GetUtcNow().UtcTicks - _startTicks) / TimeSpan.TicksPerSecond;
        Volatile.Write(ref _now, now);
        foreach (var activation in Catalog.All) activation.ExpireRequests(now);
    }

    public void Dispose()
    {
        _deadlineTimer?.Dispose();
        Collector.Dispose();
        Reminders.Dispose();
        Instruments.Dispose();
        _shutdown.Dispose();
    }
}
