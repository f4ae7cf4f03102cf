namespace Conversations.Grains.Sla;

/// <summary>One running SLA deadline, kept in session state.</summary>
public sealed class SlaClock
{
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset WarnAt { get; set; }

    public DateTimeOffset Due { get; set; }

    public bool Warned { get; set; }

    /// <summary>When this clock next needs attention: its warning, then its deadline.</summary>
    public DateTimeOffset NextAlarm => Warned ? Due : WarnAt;
}
