using Conversations.Runtime;

namespace Conversations.Abstractions.Orders;

/// <summary>
/// One order (key: order id): the imported document, logistics events, after-sales cases as state
/// machines, and the policies that decide eligibility, refund timing and compensation. Calls that name
/// a customer are refused (E_FORBIDDEN) unless the order is theirs; a missing order is E_NOT_FOUND.
/// </summary>
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>Admin import or update; validates the document (E_BAD_REQUEST).</summary>
    Task<OrderView> Upsert(OrderDocument document);

    /// <summary>The order, for its customer (<paramref name="customerId"/>) or, when null, for admins and agents.</summary>
    [ReadOnly]
    Task<OrderView> Get(string? customerId);

    [ReadOnly]
    Task<bool> Exists();

    /// <summary>
    /// The order and its assessment if it is <paramref name="customerId"/>'s; null, not an error, when it is someone
    /// else's or does not exist (alike, as for <see cref="Get"/>). For the bot, which looks up every order id a customer
    /// types: a refusal thrown for each mistyped id would cost an exception per message.
    /// </summary>
    [ReadOnly]
    Task<CustomerOrder?> Lookup(string customerId);

    Task<OrderView> AppendLogistics(LogisticsEvent logisticsEvent);

    /// <summary>What the policies say now (late, return windows, refund timing, compensation).</summary>
    [ReadOnly]
    Task<OrderAssessment> Assess(string? customerId);

    /// <summary>Opens a case if the policy allows it (E_CONFLICT with the policy's reason otherwise).</summary>
    Task<AfterSalesCase> OpenCase(string? customerId, OpenCaseRequest request);

    /// <summary>Moves a case on (approve, reject, receive, refund, ship, close…); E_CONFLICT for a move its state does not allow.</summary>
    Task<AfterSalesCase> AdvanceCase(string caseId, string action, string actor);
}
