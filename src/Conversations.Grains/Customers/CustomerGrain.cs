using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Sessions;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;

namespace Conversations.Grains.Customers;

/// <summary>
/// One customer: profile, the open session (a second StartSession resumes it), memory across sessions
/// and repeated-contact detection.
/// </summary>
/// <remarks>
/// Reentrant: a session may ask its customer for earlier contacts while the customer waits on that very
/// session (StartSession), so turns interleave at awaits. State changes happen before awaits and writes
/// go through one lock, so interleaving never splits an update or races two writes; starts go through
/// another, so concurrent starts open one session.
/// </remarks>
[Reentrant]
public sealed class CustomerGrain : Grain, ICustomerGrain
{
    /// <summary>Sessions remembered; older ones are forgotten.</summary>
    public const int MaxRecentSessions = 20;

    public const int MaxRecentIntents = 10;

    public const int MaxOrders = 50;

    /// <summary>How far back a contact about the same order counts as a repeat.</summary>
    public static readonly TimeSpan RepeatContactWindow = TimeSpan.FromHours(24);

    private static readonly string[] s_channels = ["web", "app", "wechat", "phone", "email", "miniprogram", "sms"];

    private readonly IPersistentState<CustomerState> _state;
    private readonly ILogger<CustomerGrain> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _startLock = new(1, 1);

    /// <summary>Changes not yet written: a session's topic, which the session's end repeats and writes anyway.</summary>
    private bool _dirty;

    public CustomerGrain([PersistentState("customer")] IPersistentState<CustomerState> state, ILogger<CustomerGrain> logger)
    {
        _state = state;
        _logger = logger;
    }

    private CustomerState S => _state.State;

    private string CustomerId => GetPrimaryKeyString();

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_dirty) return;
        try
        {
            await WriteAsync();
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Customer {CustomerId} could not save its state on deactivation", CustomerId);
        }
    }

    public async Task SetProfile(CustomerProfile profile)
    {
        if (profile is null) throw ConversationException.BadRequest("profile is required.");
        var name = profile.Name?.Trim();
        if (name is { Length: > 100 }) throw ConversationException.BadRequest("name is longer than 100 characters.");
        var tier = (profile.Tier ?? string.Empty).Trim().ToLowerInvariant();
        if (!CustomerTiers.IsKnown(tier)) throw ConversationException.BadRequest($"tier '{profile.Tier}' is not one of regular, vip, svip.");
        var language = Language(profile.Language);
        var channels = (profile.Channels ?? []).Select(Channel).Distinct(StringComparer.Ordinal).ToList();

        S.Name = string.IsNullOrEmpty(name) ? null : name;
        S.Tier = tier;
        S.Language = language;
        foreach (var channel in channels) AddChannel(channel);
        await WriteAsync();
    }

    public Task<CustomerContext> GetContext() => Task.FromResult(new CustomerContext(
        CustomerId,
        Profile(),
        S.OpenSessionId,
        [.. S.RecentSessions],
        [.. S.RecentIntents],
        [.. S.OrderIds]));

    public async Task<StartSessionResult> StartSession(string channel, string? language, string? orderId)
    {
        var cleanChannel = Channel(channel);
        var cleanLanguage = language is null ? null : Language(language);
        var cleanOrder = OrderId(orderId, required: false);

        // One start at a time: a second call (another tab, a reconnect) must find the session the first one
        // opened, and the first one's awaits (its state write, the session's Open) are where it would look.
        await _startLock.WaitAsync();
        try
        {
            return await StartOrResumeAsync(cleanChannel, cleanLanguage, cleanOrder);
        }
        finally
        {
            _startLock.Release();
        }
    }

    private async Task<StartSessionResult> StartOrResumeAsync(string cleanChannel, string? cleanLanguage, string? cleanOrder)
    {
        if (S.OpenSessionId is { } open)
        {
            var snapshot = await TryGetSnapshotAsync(open);
            if (snapshot is not null && IsResumable(snapshot))
            {
                if (AddChannel(cleanChannel)) await WriteAsync();
                return new StartSessionResult(open, snapshot.Status, snapshot.LastSeq, Resumed: true);
            }

            // Ended (or lost): forget it as the open one; it stays in memory if it ever started.
            if (S.OpenSessionId == open) S.OpenSessionId = null;
        }

        var sessionId = $"s-{Guid.NewGuid():N}";
        S.OpenSessionId = sessionId;
        AddChannel(cleanChannel);
        if (cleanOrder is not null) AddOrderId(cleanOrder);
        Remember(new SessionMemory(sessionId, Now, null, null, cleanOrder, null, null));
        await WriteAsync();

        var opening = new SessionOpening(CustomerId, cleanChannel, cleanLanguage ?? S.Language ?? "zh", S.Tier, cleanOrder);
        SessionSnapshot opened;
        try
        {
            opened = await GrainFactory.GetGrain<ISessionGrain>(sessionId).Open(opening);
        }
        catch
        {
            if (S.OpenSessionId == sessionId)
            {
                S.OpenSessionId = null;
                await WriteAsync();
            }

            throw;
        }

        return new StartSessionResult(sessionId, opened.Status, opened.LastSeq, Resumed: false);
    }

    public Task RecordTopic(string sessionId, string? intent, string? orderId)
    {
        var id = SessionId(sessionId);
        var cleanOrder = OrderId(orderId, required: false);
        var changed = false;
        if (!string.IsNullOrWhiteSpace(intent) && intent.Length <= 64) changed |= AddIntent(intent);
        if (cleanOrder is not null) changed |= AddOrderId(cleanOrder);

        var index = S.RecentSessions.FindIndex(m => m.SessionId == id);
        var memory = index >= 0 ? S.RecentSessions[index] : new SessionMemory(id, Now, null, null, null, null, null);
        var updated = memory with
        {
            Intent = string.IsNullOrWhiteSpace(intent) ? memory.Intent : intent,
            OrderId = cleanOrder ?? memory.OrderId,
        };
        if (updated != memory || index < 0)
        {
            Remember(updated);
            changed = true;
        }

        // Context for the rest of this session lives in memory; the write waits for the next one (the session's end at the latest).
        _dirty |= changed;
        return Task.CompletedTask;
    }

    public async Task OnSessionEnded(SessionMemory memory)
    {
        if (memory is null) throw ConversationException.BadRequest("memory is required.");
        var id = SessionId(memory.SessionId);
        var cleanOrder = OrderId(memory.OrderId, required: false);
        if (!string.IsNullOrWhiteSpace(memory.Intent) && memory.Intent.Length <= 64) AddIntent(memory.Intent);
        if (cleanOrder is not null) AddOrderId(cleanOrder);
        Remember(memory with { SessionId = id, EndedAt = memory.EndedAt ?? Now });
        if (S.OpenSessionId == id) S.OpenSessionId = null;
        await WriteAsync();
    }

    public Task<SessionMemory?> FindRepeatContact(string orderId, string currentSessionId)
    {
        var order = OrderId(orderId, required: true)!;
        var since = Now - RepeatContactWindow;
        var earlier = S.RecentSessions
            .Where(m => m.OrderId == order && m.SessionId != currentSessionId && (m.EndedAt ?? m.StartedAt) >= since)
            .MaxBy(m => m.EndedAt ?? m.StartedAt);
        return Task.FromResult(earlier);
    }

    public async Task AddOrder(string orderId)
    {
        var order = OrderId(orderId, required: true)!;
        if (AddOrderId(order)) await WriteAsync();
    }

    private CustomerProfile Profile() => new(S.Name ?? CustomerId, S.Tier, S.Language ?? "zh", [.. S.Channels]);

    private static bool IsResumable(SessionSnapshot snapshot) => snapshot.Status switch
    {
        SessionStatus.Bot or SessionStatus.Queued or SessionStatus.Assigned => true,
        SessionStatus.Resolved => snapshot.Csat is null,
        _ => false,
    };

    private async Task<SessionSnapshot?> TryGetSnapshotAsync(string sessionId)
    {
        try
        {
            return await GrainFactory.GetGrain<ISessionGrain>(sessionId).GetSnapshot();
        }
        catch (ConversationException e) when (e.Code == ErrorCodes.NotFound)
        {
            return null;
        }
        catch (Exception e)
        {
            // Cannot tell whether it is still open; a fresh session is better than no session.
            _logger.LogWarning(e, "Customer {CustomerId} could not read open session {SessionId}", CustomerId, sessionId);
            return null;
        }
    }

    private void Remember(SessionMemory memory)
    {
        S.RecentSessions.RemoveAll(m => m.SessionId == memory.SessionId);
        S.RecentSessions.Insert(0, memory);
        if (S.RecentSessions.Count > MaxRecentSessions) S.RecentSessions.RemoveRange(MaxRecentSessions, S.RecentSessions.Count - MaxRecentSessions);
    }

    private bool AddIntent(string intent)
    {
        if (S.RecentIntents.Count > 0 && S.RecentIntents[0] == intent) return false;
        S.RecentIntents.Remove(intent);
        S.RecentIntents.Insert(0, intent);
        if (S.RecentIntents.Count > MaxRecentIntents) S.RecentIntents.RemoveRange(MaxRecentIntents, S.RecentIntents.Count - MaxRecentIntents);
        return true;
    }

    private bool AddOrderId(string orderId)
    {
        if (S.OrderIds.Count > 0 && S.OrderIds[0] == orderId) return false;
        S.OrderIds.Remove(orderId);
        S.OrderIds.Insert(0, orderId);
        if (S.OrderIds.Count > MaxOrders) S.OrderIds.RemoveRange(MaxOrders, S.OrderIds.Count - MaxOrders);
        return true;
    }

    private bool AddChannel(string channel)
    {
        if (S.Channels.Contains(channel)) return false;
        S.Channels.Add(channel);
        return true;
    }

    private async Task WriteAsync()
    {
        // Interleaved turns must not write at once: the second would carry a stale ETag.
        await _writeLock.WaitAsync();
        try
        {
            // Cleared before the write, which takes the state as it is now: a topic recorded while it runs stays dirty.
            _dirty = false;
            await _state.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static string Channel(string? channel)
    {
        var clean = channel?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(clean)) throw ConversationException.BadRequest("channel is required.");
        if (clean.Length > 32 || !clean.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw ConversationException.BadRequest($"channel '{channel}' is not valid (letters, digits, '-' or '_', up to 32; e.g. {string.Join(", ", s_channels)}).");
        }

        return clean;
    }

    private static string Language(string? language)
    {
        var clean = language?.Trim().ToLowerInvariant();
        return clean is "zh" or "en" ? clean : throw ConversationException.BadRequest($"language must be 'zh' or 'en', not '{language}'.");
    }

    private static string? OrderId(string? orderId, bool required)
    {
        var clean = orderId?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            return required ? throw ConversationException.BadRequest("orderId is required.") : null;
        }

        if (clean.Length > 64) throw ConversationException.BadRequest("orderId is longer than 64 characters.");
        return clean;
    }

    private static string SessionId(string? sessionId)
    {
        var clean = sessionId?.Trim();
        if (string.IsNullOrEmpty(clean)) throw ConversationException.BadRequest("sessionId is required.");
        if (clean.Length > 128) throw ConversationException.BadRequest("sessionId is longer than 128 characters.");
        return clean;
    }
}
