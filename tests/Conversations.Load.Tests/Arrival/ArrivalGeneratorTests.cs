using Conversations.Load.Arrival;
using Conversations.Load.Scenarios;

namespace Conversations.Load.Tests.Arrival;

public sealed class ArrivalGeneratorTests
{
    private static readonly ArrivalCurve s_curve = new(1000, new Spike(AtSeconds: 30, Multiplier: 5, RampSeconds: 3, HoldSeconds: 10));

    [Fact]
    public void RateAt_FollowsSteadyRampHoldAndBack()
    {
        Assert.Equal(1000, s_curve.RateAt(10));
        Assert.Equal(3000, s_curve.RateAt(31.5), 6);
        Assert.Equal(5000, s_curve.RateAt(35));
        Assert.Equal(3000, s_curve.RateAt(44.5), 6);
        Assert.Equal(1000, s_curve.RateAt(50));
        Assert.True(s_curve.InSpike(40));
        Assert.False(s_curve.InSpike(20));
    }

    [Fact]
    public void Warmup_RampsFromATenthToTheRate_AndIsNotSteady()
    {
        var curve = s_curve with { WarmupSeconds = 10 };

        Assert.Equal(100, curve.RateAt(0));
        Assert.Equal(550, curve.RateAt(5), 6);
        Assert.Equal(1000, curve.RateAt(10));
        Assert.False(curve.InSteady(9.9));
        Assert.True(curve.InSteady(10));
        Assert.False(curve.InSteady(40));
        Assert.True(curve.InSteady(50));
        // The ramp's area: 10 s averaging 550 instead of 1000.
        Assert.Equal(s_curve.ExpectedCount(60) - (10 * 450), curve.ExpectedCount(60), 1);
    }

    [Fact]
    public void ExpectedCount_IsTheAreaUnderTheCurve()
    {
        // 60 s at 1000, plus the spike's extra: two ramps of 3 s averaging +2000, and 10 s at +4000.
        Assert.Equal(60_000 + (2 * 3 * 2000) + (10 * 4000), s_curve.ExpectedCount(60), 1);
    }

    [Fact]
    public void Times_CountMatchesTheCurveWithinTwoPercent()
    {
        double[] times = [.. new ArrivalGenerator(s_curve, seed: 7).Times(60)];

        Assert.InRange(times.Length, s_curve.ExpectedCount(60) * 0.98, s_curve.ExpectedCount(60) * 1.02);
        Assert.All(times, t => Assert.InRange(t, 0, 60));
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public void Times_DuringTheHoldComeAtTheMultipliedRate()
    {
        double[] times = [.. new ArrivalGenerator(s_curve, seed: 11).Times(60)];

        int steady = times.Count(t => t is >= 10 and < 20);
        int hold = times.Count(t => t is >= 33 and < 43);
        Assert.InRange(hold / (double)steady, 4.6, 5.4);
    }

    [Fact]
    public void Times_WithTheSameSeed_AreTheSame()
    {
        Assert.Equal(new ArrivalGenerator(s_curve, 3).Times(5), new ArrivalGenerator(s_curve, 3).Times(5));
    }

    [Fact]
    public void WithOverrides_ReplacesRateAndMultiplier()
    {
        ArrivalCurve curve = s_curve.WithOverrides(rate: 200, spikeMultiplier: 2);

        Assert.Equal(200, curve.RateAt(0));
        Assert.Equal(400, curve.RateAt(35));
    }
}
