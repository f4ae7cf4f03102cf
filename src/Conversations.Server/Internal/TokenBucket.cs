namespace Conversations.Server.Internal;

/// <summary>
/// A token bucket: <see cref="Capacity"/> tokens at most, refilled at <see cref="RatePerSecond"/>. Thread-safe;
/// the clock is a <see cref="TimeProvider"/> so tests can hold time still.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilledAt;

    public TokenBucket(double ratePerSecond, double capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(time);
        RatePerSecond = ratePerSecond;
        Capacity = capacity;
        _time = time;
        _tokens = capacity;
        _refilledAt = time.GetTimestamp();
    }

    public double RatePerSecond { get; }

    public double Capacity { get; }

    /// <summary>Takes one token; when there is none, says how long until there will be.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / RatePerSecond);
            return false;
        }
    }

    /// <summary>Gives back a token taken for something that turned out not to need it.</summary>
    public void Return()
    {
        lock (_gate)
        {
            _tokens = Math.Min(Capacity, _tokens + 1);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_refilledAt, now);
        _refilledAt = now;
        if (elapsed > TimeSpan.Zero) _tokens = Math.Min(Capacity, _tokens + (elapsed.TotalSeconds * RatePerSecond));
    }
}
