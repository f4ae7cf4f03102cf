using Conversations.Runtime.Testing;
using Conversations.Runtime.Tests.Grains;
using Conversations.Runtime.Tests.Support;

namespace Conversations.Runtime.Tests;

public sealed class TimerAndReminderTests
{
    [Fact]
    public async Task GrainTimer_TicksAsTurns_OnTheFakeClock()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("timer");

        await clock.StartTimer(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(5));
        await probe.WaitFor("tick:timer:1");
        Assert.Equal(1, await clock.TimerTicks()); // a later turn: the tick has finished and the timer is re-armed

        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        await probe.WaitFor("tick:timer:2");

        Assert.Equal(2, await clock.TimerTicks());
    }

    [Fact]
    public async Task GrainTimer_TickComingDueWhileACallIsInside_WaitsForThatCallToFinish()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("turns");
        await clock.StartTimer(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        var hold = clock.Hold();
        await probe.WaitFor("clock-holding:turns");
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        // An interleaving call passes the queued tick: by its answer, a tick that did not wait would have run.
        Assert.Equal(0, await clock.PeekTicks());
        probe.Gate.SetResult();
        await hold.WaitAsync(TimeSpan.FromSeconds(10));

        await probe.WaitFor("tick:turns:1");
        Assert.Equal(0, await clock.Overlaps());
    }

    [Fact]
    public async Task GrainTimer_DiesWithItsActivation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("mortal");
        await clock.StartTimer(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        await probe.WaitFor("tick:mortal:1");

        await clock.Deactivate();
        await probe.WaitFor("clock-deactivated:mortal");
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(100));

        Assert.Equal(0, await clock.TimerTicks()); // a new activation, with no timer; its turn comes after any tick queued by the advance
        Assert.Single(probe.Events, e => e.StartsWith("tick:mortal:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminder_FiresAtItsDueTime_ToTheSecond()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var start = cluster.FakeTime.GetUtcNow();
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("due");

        await clock.Remind("sla", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(29));
        Assert.False(probe.HasSignal("reminder:due:sla"));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));

        var due = DateTimeOffset.Parse(await probe.WaitFor("reminder:due:sla"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start + TimeSpan.FromSeconds(30), due);
    }

    [Fact]
    public async Task Reminder_AtAnAbsoluteTime_FiresThen_OrAtOnceWhenThatHasPassed()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var start = cluster.FakeTime.GetUtcNow();
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("deadline");

        await clock.RemindAt("breach", start.AddSeconds(90), TimeSpan.FromMinutes(1));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(89));
        Assert.False(probe.HasSignal("reminder:deadline:breach"));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(start.AddSeconds(90), DateTimeOffset.Parse(await probe.WaitFor("reminder:deadline:breach"), System.Globalization.CultureInfo.InvariantCulture));

        await clock.RemindAt("late", start, TimeSpan.FromMinutes(1));
        var late = DateTimeOffset.Parse(await probe.WaitFor("reminder:deadline:late"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start.AddSeconds(90), late);
    }

    [Fact]
    public async Task Reminder_FiresOnTime_WhenTheClockMovesWhileItsTimerIsSet()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var time = cluster.FakeTime;
        var start = time.GetUtcNow();
        var jumped = 0;
        // Another thread advances the clock 20 s between the reminder service reading it and setting its timer.
        time.BeforeTimerSet = wait =>
        {
            if (wait == TimeSpan.FromSeconds(60) && Interlocked.Exchange(ref jumped, 1) == 0) time.Advance(TimeSpan.FromSeconds(20));
        };

        await cluster.GrainFactory.GetGrain<IClockGrain>("moved").RemindAt("breach", start.AddSeconds(60), TimeSpan.FromMinutes(1));
        time.BeforeTimerSet = null;
        Assert.Equal(1, jumped);
        time.Advance(TimeSpan.FromSeconds(39));
        Assert.False(probe.HasSignal("reminder:moved:breach"));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(start.AddSeconds(60), DateTimeOffset.Parse(await probe.WaitFor("reminder:moved:breach"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reminder_ReArmedThousandsOfTimes_LeavesNoPileOfStaleEntries_AndStillFires()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("rearmed");
        // Another grain's reminder comes due first, so the stale entries are not at the head of the queue.
        await cluster.GrainFactory.GetGrain<IClockGrain>("sooner").Remind("sla", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        // An idle timeout pushed back by every message of a long conversation.
        for (var i = 0; i < 3000; i++)
        {
            await clock.Remind("idle", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
            cluster.FakeTime.Advance(TimeSpan.FromMilliseconds(10));
        }

        var reminders = cluster.Silo.Runtime.Reminders;
        Assert.Equal(2, reminders.Count);
        Assert.InRange(reminders.QueuedEntries, 2, 1028);
        cluster.FakeTime.Advance(TimeSpan.FromMinutes(10));
        await probe.WaitFor("reminder:rearmed:idle");
    }

    [Fact]
    public async Task Reminder_ActivatesItsGrain_AndStopsWhenUnregistered()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("periodic");
        await clock.Remind("poll", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.True(await clock.HasReminder("poll"));

        cluster.FakeTime.Advance(TimeSpan.FromSeconds(1));
        await probe.WaitFor("reminder:periodic:poll");
        await clock.Forget("poll");
        var firedBefore = probe.Events.Count(e => e.StartsWith("fired:poll", StringComparison.Ordinal));
        cluster.FakeTime.Advance(TimeSpan.FromSeconds(10));
        await clock.TimerTicks(); // a turn after the advance: any reminder tick queued before it has run

        Assert.False(await clock.HasReminder("poll"));
        Assert.Equal(firedBefore, probe.Events.Count(e => e.StartsWith("fired:poll", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reminder_OfAGrainDeactivatedBeforeItIsDue_ActivatesTheGrain_AndDeliversTheTick()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime());
        var start = cluster.FakeTime.GetUtcNow();
        var clock = cluster.GrainFactory.GetGrain<IClockGrain>("dormant");
        await clock.Remind("follow-up", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        var first = await probe.WaitFor("clock-activated:dormant:1");
        await clock.Deactivate();
        await probe.WaitFor("clock-deactivated:dormant");

        cluster.FakeTime.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(start.AddMinutes(1), DateTimeOffset.Parse(await probe.WaitFor("reminder:dormant:follow-up"), System.Globalization.CultureInfo.InvariantCulture));
        var second = await probe.WaitFor("clock-activated:dormant:2");
        Assert.NotEqual(first, second);
        Assert.Contains($"reminded:dormant:{second}", probe.Events);
    }

    [Fact]
    public async Task Reminder_SurvivesASiloRestart_OnPostgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var probe = new Probe();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        await using var cluster = await Clusters.StartAsync(probe, b => b.UseFakeTime(time).UsePostgres(database.ConnectionString));
        await cluster.GrainFactory.GetGrain<IClockGrain>("durable").Remind("breach", TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

        await cluster.RestartAsync();
        Assert.Equal(1, cluster.Silo.ReminderCount);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await cluster.GrainFactory.GetGrain<IClockGrain>("durable").TimerTicks(); // a turn after the advance: a tick it fired has run
        Assert.False(probe.HasSignal("reminder:durable:breach"), "the reminder fired before its due time");
        time.Advance(TimeSpan.FromSeconds(1));

        var due = DateTimeOffset.Parse(await probe.WaitFor("reminder:durable:breach"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2026, 11, 11, 0, 5, 0, TimeSpan.Zero), due);
    }
}
