using Conversations.Runtime;

namespace Conversations.Abstractions.Customers;

/// <summary>
/// One customer (key: customer id): profile, the open session (a second StartSession resumes it),
/// memory across sessions, their orders, and repeated-contact detection.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    Task SetProfile(CustomerProfile profile);

    [ReadOnly]
    Task<CustomerContext> GetContext();

    /// <summary>Resumes the open session, or opens a new one.</summary>
    Task<StartSessionResult> StartSession(string channel, string? language, string? orderId);

    /// <summary>The session learned what it is about (intent, order); feeds repeated-contact detection.</summary>
    Task RecordTopic(string sessionId, string? intent, string? orderId);

    /// <summary>The session ended; remembered for later contacts.</summary>
    Task OnSessionEnded(SessionMemory memory);

    /// <summary>An earlier session about <paramref name="orderId"/> within 24 hours, other than <paramref name="currentSessionId"/>.</summary>
    [ReadOnly]
    Task<SessionMemory?> FindRepeatContact(string orderId, string currentSessionId);

    /// <summary>An order of this customer was imported or updated (keeps the list the bot offers as quick replies).</summary>
    Task AddOrder(string orderId);
}
