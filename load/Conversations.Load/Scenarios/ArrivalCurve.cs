namespace Conversations.Load.Scenarios;

/// <summary>Customer messages per second over the run: a warm-up ramp, a steady rate and an optional spike.</summary>
public sealed record ArrivalCurve(double Rate, Spike? Spike)
{
    /// <summary>The first seconds ramp from a tenth of the rate to the full rate and are not part of the steady phase (JIT, pools, caches).</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>The rate at <paramref name="seconds"/> after the load phase started.</summary>
    public double RateAt(double seconds)
    {
        if (seconds < WarmupSeconds)
        {
            return Rate * (0.1 + (0.9 * seconds / WarmupSeconds));
        }

        if (Spike is null || seconds < Spike.AtSeconds)
        {
            return Rate;
        }

        double into = seconds - Spike.AtSeconds;
        double ramp = Spike.RampSeconds;
        double factor;
        if (into < ramp)
        {
            factor = 1 + ((Spike.Multiplier - 1) * (into / ramp));
        }
        else if (into < ramp + Spike.HoldSeconds)
        {
            factor = Spike.Multiplier;
        }
        else if (into < (2 * ramp) + Spike.HoldSeconds)
        {
            factor = Spike.Multiplier - ((Spike.Multiplier - 1) * ((into - ramp - Spike.HoldSeconds) / ramp));
        }
        else
        {
            factor = 1;
        }

        return Rate * factor;
    }

    /// <summary>True while the spike (ramps included) is under way, for telling steady latency from spike latency.</summary>
    public bool InSpike(double seconds) =>
        Spike is not null && seconds >= Spike.AtSeconds && seconds < Spike.AtSeconds + (2 * Spike.RampSeconds) + Spike.HoldSeconds;

    /// <summary>True after the warm-up and outside the spike: the phase the steady latency figures describe.</summary>
    public bool InSteady(double seconds) => seconds >= WarmupSeconds && !InSpike(seconds);

    /// <summary>Messages expected between 0 and <paramref name="seconds"/> (the integral of the rate).</summary>
    public double ExpectedCount(double seconds)
    {
        // The curve is piecewise linear, so the trapezoid rule on its breakpoints is exact.
        var points = new List<double> { 0, seconds, WarmupSeconds };
        if (Spike is not null)
        {
            double at = Spike.AtSeconds;
            points.AddRange([at, at + Spike.RampSeconds, at + Spike.RampSeconds + Spike.HoldSeconds, at + (2 * Spike.RampSeconds) + Spike.HoldSeconds]);
        }

        double[] sorted = [.. points.Where(p => p >= 0 && p <= seconds).Distinct().Order()];
        double total = 0;
        for (int i = 1; i < sorted.Length; i++)
        {
            total += (RateAt(sorted[i - 1]) + RateAt(sorted[i] - 1e-9)) / 2 * (sorted[i] - sorted[i - 1]);
        }

        return total;
    }

    public ArrivalCurve WithOverrides(double? rate, double? spikeMultiplier) => this with
    {
        Rate = rate ?? Rate,
        Spike = spikeMultiplier is { } m && Spike is not null ? Spike with { Multiplier = m } : Spike,
    };
}
