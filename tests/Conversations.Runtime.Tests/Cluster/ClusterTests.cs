using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Conversations.Runtime.Cluster;
using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Conversations.Runtime.Tests.Cluster;

/// <summary>Three silos in this process over loopback TCP, on PostgreSQL membership, storage and reminders.</summary>
[Collection(RealTimeClusterCollection.Name)]
public sealed class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Probe _probe = new();
    private readonly TickSink _sink = new();
    private PostgresTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Calls_FromAnySilo_ReachTheOwner_AndSeeTheSameState()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;
        Assert.All(silos, s => Assert.Equal(3, s.Runtime.Membership.ActiveSilos.Count));

        for (var i = 0; i < 30; i++) await silos[0].GrainFactory.GetGrain<ICounterGrain>($"c{i}").Increment();
        for (var i = 0; i < 30; i++) Assert.Equal(1, await silos[1].GrainFactory.GetGrain<ICounterGrain>($"c{i}").Get());

        // Rendezvous placement spread the grains: every silo hosts some, and each grain lives on one silo only.
        Assert.All(silos, s => Assert.True(s.ActivationCount > 0));
        Assert.Equal(30, silos.Sum(s => s.ActivationCount));
    }

    [Fact]
    public async Task PreferLocalGrain_LivesOnItsFirstCallersSilo_AndEverySiloReachesThatOneActivation()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;
        var (first, other) = (silos[1].Address.ToString(), silos[2].Address.ToString());
        // Owned by silo 2's hash range, so hash placement would have put them there.
        var keys = ClusterHost.KeysOwnedBy<ILocalTallyGrain>(silos[2], "tally", 5);
        foreach (var key in keys) Assert.Equal((first, 1), await silos[1].GrainFactory.GetGrain<ILocalTallyGrain>(key).Add());

        foreach (var key in keys)
        {
            var answers = await Task.WhenAll(silos.SelectMany(silo => Enumerable.Range(0, 10).Select(_ => silo.GrainFactory.GetGrain<ILocalTallyGrain>(key).Add())));

            Assert.All(answers, a => Assert.Equal(first, a.Silo));
            Assert.Equal(Enumerable.Range(2, 30), answers.Select(a => a.Count).Order());
        }

        // Once the activation has left, the next caller hosts the grain.
        await silos[1].GrainFactory.GetGrain<ILocalTallyGrain>(keys[0]).Deactivate();
        await UntilAsync(() => silos[1].ActivationCount == keys.Count - 1, "the tally left silo 1");
        Assert.Equal((other, 1), await silos[2].GrainFactory.GetGrain<ILocalTallyGrain>(keys[0]).Add());
        Assert.Equal((other, 2), await silos[0].GrainFactory.GetGrain<ILocalTallyGrain>(keys[0]).Add());

        // A dead host's grains come back on the silo that calls them next.
        await cluster.KillSiloAsync(silos[1]);
        var revived = await ClusterHost.RetryAsync(() => silos[0].GrainFactory.GetGrain<ILocalTallyGrain>(keys[1]).Add());
        Assert.Equal((silos[0].Address.ToString(), 1), revived);
        Assert.Equal((silos[0].Address.ToString(), 2), await ClusterHost.RetryAsync(() => silos[2].GrainFactory.GetGrain<ILocalTallyGrain>(keys[1]).Add()));
    }

    [Fact]
    public async Task StatelessWorker_RunsOnTheCallersSilo_NotOnItsHashOwner()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 2, _probe, _sink);
        var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
        var key = ClusterHost.KeysOwnedBy<IWorkerGrain>(b, "worker", 1)[0];

        await a.GrainFactory.GetGrain<IWorkerGrain>(key).Work(0);
        Assert.Equal((1, 0), (a.ActivationCount, b.ActivationCount));
        await b.GrainFactory.GetGrain<IWorkerGrain>(key).Work(0);

        Assert.Equal((1, 1), (a.ActivationCount, b.ActivationCount));
    }

    [Fact]
    public async Task SilosThatDisagreeOnTheOwner_ForwardACallAtMostTwice_ThenFailItRetryably_OrDeliverItOnceTheyAgree()
    {
        var views = new ContestedPlacement.Views();
        await using var cluster = await Clusters.Builder(_probe)
            .ConfigureServices(s => s.AddSingleton(views).AddSingleton<IPlacementDirector, ContestedPlacement>())
            .UsePostgres(_database.ConnectionString)
            .BuildClusterAsync(3);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        var (a, b, c) = (cluster.Silos[0], cluster.Silos[1], cluster.Silos[2]);

        // A believes B owns it, B believes C does, C agrees: two hops, and it lands on C.
        (views.OwnerSeenBy[a.Address], views.OwnerSeenBy[b.Address], views.OwnerSeenBy[c.Address]) = (b.Address, c.Address, c.Address);
        Assert.Equal(1, await a.GrainFactory.GetGrain<ICounterGrain>("contested-chain").Increment());
        Assert.Equal([a.Address, b.Address, c.Address], views.AskedOn("contested-chain"));
        Assert.Equal((0, 0, 1), (a.ActivationCount, b.ActivationCount, c.ActivationCount));

        // A and B each believe the other owns it and never change their minds: no endless ping-pong, a retryable error.
        (views.OwnerSeenBy[a.Address], views.OwnerSeenBy[b.Address]) = (b.Address, a.Address);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => a.GrainFactory.GetGrain<ICounterGrain>("contested-loop").Increment());
        var asked = views.AskedOn("contested-loop");
        Assert.Equal([a.Address, b.Address, a.Address], asked.Take(3));
        Assert.InRange(asked.Count, 3, 2 * 52);

        // The same disagreement, settled while the call waits: it is delivered, once.
        var call = a.GrainFactory.GetGrain<ICounterGrain>("contested-settled").Increment();
        await UntilAsync(() => views.AskedOn("contested-settled").Count >= 5, "the call waited for the views");
        views.OwnerSeenBy[b.Address] = b.Address;
        Assert.Equal(1, await call);
        Assert.Equal(1, await b.GrainFactory.GetGrain<ICounterGrain>("contested-settled").Get());
    }

    [Fact]
    public async Task ValuesReferencesAndExceptions_SurviveTheTripBetweenSilos()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 2, _probe, _sink);
        var (caller, owner) = (cluster.Silos[0], cluster.Silos[1]);
        var echo = caller.GrainFactory.GetGrain<IEchoGrain>(ClusterHost.KeysOwnedBy<IEchoGrain>(owner, "echo", 1)[0]);
        using var extra = JsonDocument.Parse("""{"sku":"A-1","qty":[1,2],"note":"你好"}""");
        var sent = new Envelope("hi", extra.RootElement.Clone(), caller.GrainFactory.GetGrain<ICounterGrain>("target"), [1, 2, 3], new DateTimeOffset(2026, 11, 11, 0, 0, 1, TimeSpan.Zero));

        var back = await echo.Echo(sent);

        Assert.Equal("hi!", back.Text);
        Assert.Equal(extra.RootElement.GetRawText(), back.Extra!.Value.GetRawText());
        Assert.Equal([1, 2, 3], back.Numbers);
        Assert.Equal(sent.At, back.At);
        Assert.Equal(1, await back.Target!.Increment());
        Assert.Null(await echo.Nothing());
        var argument = await Assert.ThrowsAsync<ArgumentException>(() => echo.Fail("bad order id"));
        Assert.Equal("bad order id", argument.Message);
        var unknown = await Assert.ThrowsAsync<GrainException>(() => echo.FailWithUnknownType("out of stock"));
        Assert.Equal(typeof(ShopSpecificException).FullName, unknown.OriginalType);
        Assert.Equal("out of stock", unknown.Message);
    }

    [Fact]
    public async Task Observer_HostedOnOneSilo_IsCalledByAGrainOnAnother()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;
        var collector = new PingCollector();
        var observer = silos[0].GrainFactory.CreateObjectReference<IPingObserver>(collector);
        var key = ClusterHost.KeysOwnedBy<INotifierGrain>(silos[1], "notifier", 1)[0];

        await silos[2].GrainFactory.GetGrain<INotifierGrain>(key).Subscribe(observer);
        await silos[2].GrainFactory.GetGrain<INotifierGrain>(key).Notify("hello from silo 1");

        Assert.Equal("hello from silo 1", await collector.Received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task KillingASilo_ItsGrainsAnswerAgainWithStateIntact_AndItsRemindersFireElsewhere()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;
        var victim = silos[2];
        var keys = ClusterHost.KeysOwnedBy<ICounterGrain>(victim, "victim", 10);
        foreach (var key in keys)
        {
            for (var i = 0; i < 3; i++) await silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        }

        var ticker = ClusterHost.KeysOwnedBy<ITickerGrain>(victim, "ticker", 1)[0];
        var firstTick = _sink.NextTick(ticker);
        await silos[0].GrainFactory.GetGrain<ITickerGrain>(ticker).Start(TimeSpan.FromSeconds(1));
        await firstTick.WaitAsync(TimeSpan.FromSeconds(10));

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(victim);
        var value = await ClusterHost.RetryAsync(() => silos[0].GrainFactory.GetGrain<ICounterGrain>(keys[0]).Increment());
        output.WriteLine($"first call to a killed silo's grain answered {clock.ElapsedMilliseconds} ms after the kill");
        Assert.Equal(4, value);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        output.WriteLine($"survivors agree on the view {clock.ElapsedMilliseconds} ms after the kill");

        foreach (var key in keys.Skip(1)) Assert.Equal(3, await ClusterHost.RetryAsync(() => silos[1].GrainFactory.GetGrain<ICounterGrain>(key).Get()));
        await _sink.NextTick(ticker).WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"the killed silo's reminder ticked on a survivor {clock.ElapsedMilliseconds} ms after the kill");
    }

    [Fact]
    public async Task GracefulStop_UnderLoad_FailsNoCall_AndLosesNoIncrement()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;
        var keys = Enumerable.Range(0, 30).Select(i => $"drain-{i}").ToList();
        var acknowledged = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<Exception>();
        var calls = 0;
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drainedUnderLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goal = int.MaxValue;
        using var stop = new CancellationTokenSource();

        async Task CallerAsync(int caller)
        {
            var factory = silos[caller % 2].GrainFactory;
            for (var n = caller; !stop.IsCancellationRequested; n++)
            {
                var key = keys[n % keys.Count];
                try
                {
                    await factory.GetGrain<ICounterGrain>(key).Increment();
                    acknowledged.AddOrUpdate(key, 1, (_, c) => c + 1);
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }

                var done = Interlocked.Increment(ref calls);
                if (done == 200) warmedUp.TrySetResult();
                if (done >= Volatile.Read(ref goal)) drainedUnderLoad.TrySetResult();
            }
        }

        var callers = Enumerable.Range(0, 8).Select(CallerAsync).ToList();
        await warmedUp.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await cluster.StopSiloAsync(silos[2]);
        Volatile.Write(ref goal, Volatile.Read(ref calls) + 200);
        await drainedUnderLoad.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine, failures.Select(f => f.GetType().Name + ": " + f.Message)));
        foreach (var key in keys)
        {
            Assert.Equal(acknowledged.GetValueOrDefault(key), await silos[0].GrainFactory.GetGrain<ICounterGrain>(key).Get());
        }
    }

    [Fact]
    public async Task Churn_SilosJoiningLeavingAndDying_NeverLoseAnAcknowledgedIncrement()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var anchor = cluster.Silos[0];
        var keys = Enumerable.Range(0, 20).Select(i => $"churn-{i}").ToList();
        var answers = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        using var stop = new CancellationTokenSource();

        async Task CallerAsync(int caller)
        {
            for (var n = caller; !stop.IsCancellationRequested; n++)
            {
                var key = keys[n % keys.Count];
                var value = await ClusterHost.RetryAsync(() => anchor.GrainFactory.GetGrain<ICounterGrain>(key).Increment());
                answers.GetOrAdd(key, _ => []).Add(value);
            }
        }

        var callers = Enumerable.Range(0, 6).Select(CallerAsync).ToList();
        await cluster.StartSiloAsync();
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        await cluster.StopSiloAsync(cluster.Silos[1]);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        await cluster.KillSiloAsync(cluster.Silos[1]);
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        await cluster.StartSiloAsync();
        await cluster.WaitForStableViewAsync(ClusterHost.ViewTimeout);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        foreach (var key in keys)
        {
            var acknowledged = answers.GetValueOrDefault(key) ?? [];
            // Two activations writing from the same state would hand out the same count twice.
            Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
            var final = await ClusterHost.RetryAsync(() => anchor.GrainFactory.GetGrain<ICounterGrain>(key).Get());
            Assert.True(final >= acknowledged.DefaultIfEmpty(0).Max(), $"{key}: {final} < {acknowledged.DefaultIfEmpty(0).Max()}");
            Assert.True(final >= acknowledged.Count, $"{key}: {final} < {acknowledged.Count} acknowledged increments");
        }
    }

    [Fact]
    public async Task StaleRows_LeftByACrashedEarlierRun_AreDeclaredDeadByASingleSurvivor()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 1, _probe, _sink);
        var silo = cluster.Silos[0];
        var sawStale = false;
        var cleaned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            var count = silo.Runtime.Membership.ActiveSilos.Count;
            if (count == 3) sawStale = true;
            if (sawStale && count == 1) cleaned.TrySetResult();
        }

        silo.Runtime.Membership.ViewChanged += Check;
        var longAgo = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var port in new[] { 1, 2 })
        {
            var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
            var stale = new MembershipEntry(new SiloAddress("127.0.0.1", port, 1), SiloStatus.Active, longAgo, longAgo, []);
            Assert.True(await cluster.MembershipTable.TryWriteAsync(stale, table.Version, CancellationToken.None));
        }

        await cleaned.Task.WaitAsync(ClusterHost.ViewTimeout);

        var final = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        Assert.All(final.Entries.Where(e => e.Silo != silo.Address), e => Assert.Equal(SiloStatus.Dead, e.Status));
        Assert.Equal(1, await silo.GrainFactory.GetGrain<ICounterGrain>("after-cleanup").Increment());
    }

    [Fact]
    public async Task Partition_BetweenTwoSilos_DeclaresExactlyOneOfThemDead()
    {
        await using var cluster = await ClusterHost.StartAsync(_database, 3, _probe, _sink);
        var silos = cluster.Silos;

        cluster.Partition(silos[0], silos[1]);
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (silos[2].Runtime.Membership.ActiveSilos.Count == 2) settled.TrySetResult();
        }

        silos[2].Runtime.Membership.ViewChanged += Check;
        Check();
        await settled.Task.WaitAsync(ClusterHost.ViewTimeout);

        var table = await cluster.MembershipTable.ReadAllAsync(CancellationToken.None);
        var dead = table.Entries.Where(e => e.Status == SiloStatus.Dead).Select(e => e.Silo).ToList();
        Assert.Single(dead);
        Assert.Contains(dead[0], new[] { silos[0].Address, silos[1].Address });
        Assert.Equal(SiloStatus.Active, table.Find(silos[2].Address)!.Status);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > giveUp) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

}
