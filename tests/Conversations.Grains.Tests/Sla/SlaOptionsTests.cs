using Conversations.Grains.Sla;

namespace Conversations.Grains.Tests.Sla;

public sealed class SlaOptionsTests
{
    [Fact]
    public void PolicyFor_PicksTheMostSpecificMatch()
    {
        var options = new SlaOptions
        {
            Policies =
            {
                new SlaPolicy { Queue = "complaints", FirstResponse = TimeSpan.FromSeconds(40) },
                new SlaPolicy { Queue = "complaints:zh", Tier = "vip", FirstResponse = TimeSpan.FromSeconds(10) },
                new SlaPolicy { Tier = "regular", FirstResponse = TimeSpan.FromSeconds(90) },
            },
        };

        Assert.Equal(TimeSpan.FromSeconds(10), options.PolicyFor("complaints:zh", "vip").FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(40), options.PolicyFor("complaints:en", "vip").FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(90), options.PolicyFor("general:en", "regular").FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(30), options.PolicyFor("general:en", "vip").FirstResponse);
        Assert.Equal(TimeSpan.FromSeconds(60), new SlaOptions().PolicyFor(null, "regular").FirstResponse);
    }

    [Fact]
    public void Validate_NamesTheKeyOfAWrongValue()
    {
        var options = new SlaOptions { Policies = { new SlaPolicy { Tier = "gold" } } };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Conversations:Sla:Policies:0:Tier", error.Message, StringComparison.Ordinal);
        Assert.Contains("Conversations:Sla:WarningFraction", Assert.Throws<ArgumentException>(new SlaOptions { WarningFraction = 1.5 }.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SlaState_TakeDue_WarnsOnceThenBreaches()
    {
        var start = new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);
        var state = new SlaState();
        state.Start(SlaClocks.FirstResponse, start, TimeSpan.FromSeconds(100), 0.8);

        Assert.Equal(start.AddSeconds(80), state.NextAlarm());
        Assert.Empty(state.TakeDue(start.AddSeconds(79)));
        Assert.Equal([new SlaAlarm(SlaClocks.FirstResponse, false, start.AddSeconds(100))], state.TakeDue(start.AddSeconds(80)));
        Assert.Empty(state.TakeDue(start.AddSeconds(90)));
        Assert.Equal(start.AddSeconds(100), state.NextAlarm());
        Assert.Equal([new SlaAlarm(SlaClocks.FirstResponse, true, start.AddSeconds(100))], state.TakeDue(start.AddSeconds(100)));
        Assert.Null(state.NextAlarm());
        Assert.Equal([SlaClocks.FirstResponse], state.Breaches);
    }
}
