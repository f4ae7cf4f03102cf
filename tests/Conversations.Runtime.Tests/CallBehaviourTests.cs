using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

public sealed class CallBehaviourTests
{
    [Fact]
    public async Task GrainException_ReachesTheCaller_WithItsTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync(new Probe());
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("thrower");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("order 42 is not yours"));

        Assert.Equal("order 42 is not yours", exception.Message);
        Assert.Equal(5, await grain.Echo(5)); // the grain survives its exception
    }

    [Fact]
    public async Task UnansweredCall_TimesOutAfterTheDefaultDeadline()
    {
        await using var cluster = await Clusters.StartAsync(new Probe(), b => b.UseFakeTime());
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("slow");

        var call = grain.WaitForever();
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(2));

        var exception = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("WaitForever", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueuedCallsBehindAStuckOne_TimeOutToo_AndTheMethodDeadlineOverrideApplies()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("stuck");

        var stuck = grain.WaitForeverShortDeadline();
        var queued = grain.Echo(1);
        await probe.WaitFor("stuck-running");
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(6));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(queued.IsCompleted, queued.Exception?.ToString() ?? queued.Status.ToString());
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => queued.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ACallToAGrainThatWasIdleThroughDeadlineSweeps_StillTimesOut()
    {
        await using var cluster = await Clusters.StartAsync(new Probe(), b => b.UseFakeTime());
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("idle-then-stuck");
        Assert.Equal(1, await grain.Echo(1));
        // Sweeps pass while it is idle (the sweep drops an activation with nothing queued or running).
        for (var second = 0; second < 3; second++) cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));

        var stuck = grain.WaitForeverShortDeadline();
        for (var second = 0; second < 4; second++) cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.False(stuck.IsCompleted);
        for (var second = 0; second < 3; second++) cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => stuck.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_IsAnswered_WhileANonReentrantGrainIsBusy()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("busy");

        _ = grain.WaitForeverShortDeadline();
        await probe.WaitFor("stuck-running");
        var queued = grain.Echo(1);

        Assert.Equal(9, await grain.Peek(9).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(queued.IsCompleted);
    }

    [Fact]
    public async Task FailedActivation_FailsTheCallsWaitingForIt_AndTheNextCallActivatesAgain()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IFlakyStartGrain>("flaky");

        var waiting = Enumerable.Range(0, 5).Select(grain.Echo).ToList();
        await probe.WaitFor("flaky-activating:flaky:1");
        probe.Gate.SetResult(); // the first activation now throws

        foreach (var call in waiting)
        {
            var failure = await Assert.ThrowsAsync<ActivationFailedException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(new GrainId("flakystart", "flaky"), failure.GrainId);
            Assert.IsType<InvalidOperationException>(failure.InnerException);
            Assert.Contains("the CRM is down", failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal(7, await grain.Echo(7).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(probe.HasSignal("flaky-activating:flaky:2"));
    }

    [Fact]
    public async Task CallsBeyondMaxQueuedPerActivation_AreRefusedAsOverloaded_WhileTheQueuedOnesAreAnswered()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.ConfigureRuntime(o => o.MaxQueuedPerActivation = 2));
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("crowded");
        var holding = grain.Hold();
        await probe.WaitFor("behaviour-holding:crowded");

        var queued = new[] { grain.Echo(1), grain.Echo(2) };
        var refused = await Assert.ThrowsAsync<GrainOverloadedException>(() => grain.Echo(3));
        Assert.Contains("behaviour/crowded has 2 calls waiting", refused.Message, StringComparison.Ordinal);
        Assert.Contains("MaxQueuedPerActivation", refused.Message, StringComparison.Ordinal);
        probe.Gate.SetResult();

        var answers = await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2], answers);
        await holding;
        Assert.Equal(4, await grain.Echo(4));
    }

    [Fact]
    public async Task Calls_AreTraced_WithOneActivityPerCall()
    {
        var stopped = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Conversations.Runtime",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) stopped.Add(activity); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var cluster = await Clusters.StartAsync(new Probe());
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("traced");

        await grain.Echo(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("boom"));

        lock (stopped)
        {
            var echo = Assert.Single(stopped, a => a.DisplayName.EndsWith(".Echo", StringComparison.Ordinal) && (string?)a.GetTagItem("conversations.grain") == "behaviour/traced");
            Assert.Equal(System.Diagnostics.ActivityStatusCode.Unset, echo.Status);
            var thrown = Assert.Single(stopped, a => a.DisplayName.EndsWith(".Throw", StringComparison.Ordinal) && (string?)a.GetTagItem("conversations.grain") == "behaviour/traced");
            Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, thrown.Status);
        }
    }

    [Fact]
    public async Task OneWayCall_ReturnsBeforeTheGrainRuns_AndStillRuns()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IBehaviourGrain>("one-way");

        var call = grain.OneWayRecord("hello");
        Assert.True(call.IsCompleted);
        probe.Gate.SetResult();

        Assert.Equal("hello", await probe.WaitFor("one-way"));
        Assert.Equal(["hello"], await grain.Recorded());
    }

    [Fact]
    public async Task PublicApi_RefusesBadArguments_WithClearMessages()
    {
        await using var cluster = await Clusters.StartAsync(new Probe());
        var factory = cluster.GrainFactory;

        var emptyKey = Assert.Throws<ArgumentException>(() => factory.GetGrain<ICounterGrain>(""));
        Assert.Contains("key", emptyKey.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<ArgumentNullException>(() => factory.GetGrain<ICounterGrain>((string)null!));
        var unknown = Assert.Throws<ArgumentException>(() => factory.GetGrain<IUnimplementedGrain>("x"));
        Assert.Contains("No grain class", unknown.Message, StringComparison.Ordinal);

        var clock = factory.GetGrain<IClockGrain>("bad-reminder");
        var period = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => clock.Remind("r", TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));
        Assert.Contains("period", period.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => clock.StartTimer(TimeSpan.FromSeconds(-5), TimeSpan.FromSeconds(1)));
        var unnamed = await Assert.ThrowsAsync<ArgumentException>(() => clock.Remind("", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        Assert.Equal("reminderName", unnamed.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => clock.Remind("  ", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));
        var notRemindable = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.GetGrain<IBehaviourGrain>("bad-reminder").RemindMe());
        Assert.Equal("Grain BehaviourGrain registers reminder 'never' but does not implement IRemindable.", notRemindable.Message);
        Assert.Equal(0, cluster.Silo.ReminderCount); // nothing refused was registered

        var noObserver = Assert.Throws<ArgumentNullException>(() => factory.CreateObjectReference<IPingObserver>(null!));
        Assert.Equal("observer", noObserver.ParamName);
        var reference = factory.CreateObjectReference<IPingObserver>(new PingObserver());
        var twice = Assert.Throws<ArgumentException>(() => factory.CreateObjectReference(reference));
        Assert.Contains("already a reference", twice.Message, StringComparison.Ordinal);
        var notAReference = Assert.Throws<ArgumentException>(() => factory.DeleteObjectReference<IPingObserver>(new PingObserver()));
        Assert.Contains("Not an observer reference made by CreateObjectReference", notAReference.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observer_ReceivesCallsFromAGrain()
    {
        await using var cluster = await Clusters.StartAsync(new Probe());
        var observer = new PingObserver();
        var reference = cluster.GrainFactory.CreateObjectReference<IPingObserver>(observer);
        var notifier = cluster.GrainFactory.GetGrain<INotifierGrain>("notifier");

        await notifier.Subscribe(reference);
        await notifier.Notify("offer-1");

        Assert.Equal("offer-1", await observer.Received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        cluster.GrainFactory.DeleteObjectReference(reference);
        await Assert.ThrowsAsync<ObserverNotFoundException>(() => notifier.Notify("offer-2"));
    }

    [Fact]
    public async Task ObserverCalls_FromOneGrain_ArriveInTheOrderSent()
    {
        await using var cluster = await Clusters.StartAsync(new Probe());
        var observer = new SequenceObserver(expected: 5000);
        var reference = cluster.GrainFactory.CreateObjectReference<ISequenceObserver>(observer);

        await cluster.GrainFactory.GetGrain<IPusherGrain>("pusher").Push(reference, 5000);

        var received = await observer.Done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(1, 5000), received);
    }

    [Fact]
    public async Task ServiceProvider_DisposedWithoutStartingTheSilo_DoesNotThrow()
    {
        // What a host that fails to start (e.g. its port is taken) does: dispose everything it resolved.
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Conversations.Runtime.Hosting.RuntimeServiceCollectionExtensions.AddConversationsRuntime(services).AddGrains(typeof(CounterGrain).Assembly).AddMemoryGrainStorage().AddMemoryGrainStorage(ArchiveGrain.StoreName);
        var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IGrainFactory>(provider);
        _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Conversations.Runtime.Hosting.Silo>(provider);

        await provider.DisposeAsync();
    }

    private sealed class SequenceObserver(int expected) : ISequenceObserver
    {
        private readonly List<int> _received = [];

        public TaskCompletionSource<List<int>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Next(int number)
        {
            lock (_received)
            {
                _received.Add(number);
                if (_received.Count == expected) Done.TrySetResult([.. _received]);
            }

            return Task.CompletedTask;
        }
    }

    public interface IUnimplementedGrain : IGrainWithStringKey
    {
        Task Nothing();
    }

    private sealed class PingObserver : IPingObserver
    {
        public TaskCompletionSource<string> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ping(string text)
        {
            Received.TrySetResult(text);
            return Task.CompletedTask;
        }
    }
}
