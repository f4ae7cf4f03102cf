using System.Diagnostics.CodeAnalysis;
using Conversations.Abstractions;
using Conversations.Grains.Stats;
using Conversations.Server.Internal;
using Conversations.Server.Metrics;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Admission;

/// <summary>
/// Decides whether this silo opens another session now: under the active-session ceiling and within the
/// new-session rate. A refusal carries how long to wait, so clients back off instead of hammering.
/// </summary>
public sealed class AdmissionControl
{
    private readonly AdmissionOptions _options;
    private readonly ConversationStats _stats;
    private readonly ServerMetrics _metrics;
    private readonly TokenBucket? _rate;

    public AdmissionControl(IOptions<AdmissionOptions> options, ConversationStats stats, ServerMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _stats = stats;
        _metrics = metrics;
        if (_options.MaxNewSessionsPerSecond > 0)
        {
            var burst = _options.NewSessionsBurst > 0 ? _options.NewSessionsBurst : Math.Max(1, _options.MaxNewSessionsPerSecond);
            _rate = new TokenBucket(_options.MaxNewSessionsPerSecond, burst, time);
        }
    }

    /// <summary>Admits one new session, or says why not and when to retry.</summary>
    public bool TryAdmit([NotNullWhen(false)] out ConversationException? refusal)
    {
        if (_options.MaxActiveSessions > 0 && _stats.Snapshot().ActiveSessions >= _options.MaxActiveSessions)
        {
            refusal = Refuse("active_sessions", _options.RetryAfterSeconds);
            return false;
        }

        if (_rate is not null && !_rate.TryTake(out var wait))
        {
            refusal = Refuse("new_session_rate", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
            return false;
        }

        refusal = null;
        return true;
    }

    /// <summary>The admitted start resumed an open session after all, so it did not use up the rate.</summary>
    public void Return() => _rate?.Return();

    private ConversationException Refuse(string limit, int retryAfterSeconds)
    {
        _metrics.AdmissionRefused(limit);
        return ConversationException.Overloaded($"new conversations are paused during a traffic spike; retry after {retryAfterSeconds} s.");
    }
}
