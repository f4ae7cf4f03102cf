using Conversations.Load.Scenarios;

namespace Conversations.Load.Arrival;

/// <summary>
/// Message arrival times following an <see cref="ArrivalCurve"/>: a non-homogeneous Poisson process by thinning
/// (draw at the peak rate, keep each draw with probability rate(t)/peak), so bursts look like real traffic.
/// </summary>
public sealed class ArrivalGenerator
{
    private readonly ArrivalCurve _curve;
    private readonly Random _random;
    private readonly double _peakRate;

    public ArrivalGenerator(ArrivalCurve curve, int seed)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(curve.Rate > 0))
        {
            throw new ArgumentException("The arrival rate must be positive.", nameof(curve));
        }

        _curve = curve;
        _random = new Random(seed);
        _peakRate = curve.Rate * (curve.Spike?.Multiplier ?? 1);
    }

    /// <summary>Arrival times in seconds from 0, ascending, all below <paramref name="durationSeconds"/>.</summary>
    public IEnumerable<double> Times(double durationSeconds)
    {
        if (durationSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), durationSeconds, "The duration must not be negative.");
        }

        double t = 0;
        while (true)
        {
            // 1 - NextDouble() is in (0, 1], so the logarithm is finite.
            t += -Math.Log(1 - _random.NextDouble()) / _peakRate;
            if (t >= durationSeconds)
            {
                yield break;
            }

            if (_random.NextDouble() * _peakRate < _curve.RateAt(t))
            {
                yield return t;
            }
        }
    }
}
