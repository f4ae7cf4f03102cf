namespace Conversations.Grains.Sla;

/// <summary>A session's SLA clocks, what breached, and when the "sla" reminder is armed to fire; part of the session state.</summary>
public sealed class SlaState
{
    public SlaClock? FirstResponse { get; set; }

    public SlaClock? NextResponse { get; set; }

    public SlaClock? Resolution { get; set; }

    public DateTimeOffset? FirstRespondedAt { get; set; }

    public List<string> Breaches { get; set; } = [];

    /// <summary>The due time of the registered reminder, if one is registered.</summary>
    public DateTimeOffset? ArmedFor { get; set; }

    public bool IsRunning(string clock) => Get(clock) is not null;

    /// <summary>Starts (or restarts) <paramref name="clock"/> at <paramref name="now"/> for <paramref name="duration"/>.</summary>
    public void Start(string clock, DateTimeOffset now, TimeSpan duration, double warningFraction)
    {
        Set(clock, new SlaClock
        {
            StartedAt = now,
            WarnAt = now + TimeSpan.FromTicks((long)(duration.Ticks * warningFraction)),
            Due = now + duration,
        });
    }

    public bool Stop(string clock)
    {
        var running = Get(clock) is not null;
        Set(clock, null);
        return running;
    }

    public void StopAll()
    {
        FirstResponse = null;
        NextResponse = null;
        Resolution = null;
    }

    /// <summary>The earliest warning or deadline still ahead, or null when no clock runs.</summary>
    public DateTimeOffset? NextAlarm() =>
        new[] { FirstResponse, NextResponse, Resolution }.Where(c => c is not null).Select(c => (DateTimeOffset?)c!.NextAlarm).Min();

    /// <summary>
    /// Takes every warning and breach due at <paramref name="now"/>: warned clocks are marked, breached
    /// clocks stop and are recorded in <see cref="Breaches"/>.
    /// </summary>
    public IReadOnlyList<SlaAlarm> TakeDue(DateTimeOffset now)
    {
        var alarms = new List<SlaAlarm>();
        foreach (var name in (string[])[SlaClocks.FirstResponse, SlaClocks.NextResponse, SlaClocks.Resolution])
        {
            if (Get(name) is not { } clock) continue;
            if (!clock.Warned && clock.WarnAt <= now && clock.Due > now)
            {
                clock.Warned = true;
                alarms.Add(new SlaAlarm(name, false, clock.Due));
            }

            if (clock.Due <= now)
            {
                Set(name, null);
                if (!Breaches.Contains(name)) Breaches.Add(name);
                alarms.Add(new SlaAlarm(name, true, clock.Due));
            }
        }

        return alarms;
    }

    private SlaClock? Get(string clock) => clock switch
    {
        SlaClocks.FirstResponse => FirstResponse,
        SlaClocks.NextResponse => NextResponse,
        SlaClocks.Resolution => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown SLA clock."),
    };

    private void Set(string clock, SlaClock? value)
    {
        switch (clock)
        {
            case SlaClocks.FirstResponse: FirstResponse = value; break;
            case SlaClocks.NextResponse: NextResponse = value; break;
            case SlaClocks.Resolution: Resolution = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown SLA clock.");
        }
    }
}
