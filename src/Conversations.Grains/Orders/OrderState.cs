using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Orders;

/// <summary>The persisted state of an <see cref="OrderGrain"/>: the imported document, carrier events and after-sales cases.</summary>
public sealed class OrderState
{
    /// <summary>The document as last imported; null until the order exists.</summary>
    public OrderDocument? Order { get; set; }

    /// <summary>Carrier events, oldest first.</summary>
    public List<LogisticsEvent> Logistics { get; set; } = [];

    /// <summary>After-sales cases in the order they were opened.</summary>
    public List<AfterSalesCase> Cases { get; set; } = [];

    /// <summary>Number of the last case opened (case ids are <c>&lt;orderId&gt;-C&lt;n&gt;</c>).</summary>
    public int LastCaseNumber { get; set; }

    /// <summary>Whether the customer's grain has been told about this order (retried on the next import until it has).</summary>
    public bool CustomerLinked { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A copy to change; the grain swaps it in only once it is stored, so a failed call leaves the state as it was.</summary>
    internal OrderState Copy() => new()
    {
        Order = Order,
        Logistics = [.. Logistics],
        Cases = [.. Cases],
        LastCaseNumber = LastCaseNumber,
        CustomerLinked = CustomerLinked,
        UpdatedAt = UpdatedAt,
    };
}
