using Conversations.Runtime.Hosting;
using Conversations.Runtime.Testing;

namespace Conversations.Runtime.Tests.Hosting;

public sealed class PeriodicWorkTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Work_RunsEachPeriodOfTheGivenClock_AndNotOnceStopped()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        using var ran = new SemaphoreSlim(0);
        using var work = PeriodicWork.Start(TimeSpan.FromSeconds(1), time, _ =>
        {
            ran.Release();
            return Task.CompletedTask;
        });

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ran.WaitAsync(s_deadline), "no run after the first period");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await ran.WaitAsync(s_deadline), "no run after the second period");
        await work.StopAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, ran.CurrentCount);
    }
}
