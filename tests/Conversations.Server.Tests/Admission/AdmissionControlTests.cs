using Conversations.Grains.Stats;
using Conversations.Runtime.Testing;
using Conversations.Server.Admission;
using Conversations.Server.Metrics;
using Conversations.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Tests.Admission;

public sealed class AdmissionControlTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAdmit_WithinTheRate_Admits_AndRefillsOverTime()
    {
        using var stats = new ConversationStats();
        var admission = Control(stats, new AdmissionOptions { MaxNewSessionsPerSecond = 2, NewSessionsBurst = 2 });

        Assert.True(admission.TryAdmit(out _));
        Assert.True(admission.TryAdmit(out _));
        Assert.False(admission.TryAdmit(out var refusal));
        Assert.Contains("retry after 1 s", refusal!.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(admission.TryAdmit(out _));
    }

    [Fact]
    public void TryAdmit_AtTheActiveSessionCeiling_RefusesUntilOneEnds()
    {
        using var stats = new ConversationStats();
        var admission = Control(stats, new AdmissionOptions { MaxActiveSessions = 2, MaxNewSessionsPerSecond = 0 });
        stats.SessionStarted();
        stats.SessionStarted();

        Assert.False(admission.TryAdmit(out var refusal));
        Assert.Equal("E_OVERLOADED", refusal!.Code);

        stats.SessionEnded(containedByBot: true);
        Assert.True(admission.TryAdmit(out _));
    }

    [Fact]
    public void Return_GivesBackTheToken()
    {
        using var stats = new ConversationStats();
        var admission = Control(stats, new AdmissionOptions { MaxNewSessionsPerSecond = 1, NewSessionsBurst = 1 });

        Assert.True(admission.TryAdmit(out _));
        admission.Return();
        Assert.True(admission.TryAdmit(out _));
        Assert.False(admission.TryAdmit(out _));
    }

    [Fact]
    public void Validate_NegativeLimit_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AdmissionOptions { MaxActiveSessions = -1 }.Validate());
        Assert.Contains("Conversations:Admission:MaxActiveSessions", error.Message, StringComparison.Ordinal);
    }

    private AdmissionControl Control(ConversationStats stats, AdmissionOptions options) =>
        new(Options.Create(options), stats, new ServerMetrics(new TestMeterFactory()), _time);
}
