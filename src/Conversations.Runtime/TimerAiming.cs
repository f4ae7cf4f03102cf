namespace Conversations.Runtime;

/// <summary>Sets one-shot timers to fire at a point in time rather than after a wait.</summary>
public static class TimerAiming
{
    /// <summary>How far the clock may move while a timer is set before it is set again.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Calls <paramref name="set"/> with the wait until <paramref name="due"/> (zero if past). The wait comes from a
    /// clock reading; if the clock moved on while the timer was being set (a pause, or a test clock advanced by another
    /// thread), the timer would fire that much late, so it is set again from a fresh reading.
    /// </summary>
    public static void AimAt(this TimeProvider time, DateTimeOffset due, Action<TimeSpan> set)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(set);
        while (true)
        {
            var now = time.GetUtcNow();
            set(due > now ? due - now : TimeSpan.Zero);
            if (time.GetUtcNow() - now < Stale) return;
        }
    }
}
