using Conversations.Abstractions;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Orders;
using Conversations.Grains.Orders.Internal;
using Conversations.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Orders;

/// <summary>
/// One order (key: order id): the imported document, carrier events, and after-sales cases run as the
/// state machines of <see cref="CaseWorkflow"/> under the rules of <see cref="OrderPolicyOptions"/>.
/// </summary>
/// <remarks>
/// Access: a call naming a customer who does not own the order is refused with E_FORBIDDEN, and so is
/// one naming a customer when the order does not exist, with the same message. A customer therefore
/// cannot learn whether someone else's order number exists. Only callers that pass no customer (admins,
/// agents, the system) see E_NOT_FOUND for a missing order.
/// Every change is made on a copy of the state that replaces it only once stored, so a refused or failed
/// call leaves the order as it was.
/// </remarks>
public sealed class OrderGrain : Grain, IOrderGrain
{
    private readonly IPersistentState<OrderState> _state;
    private readonly OrderPolicy _policy;
    private readonly ILogger<OrderGrain> _logger;

    public OrderGrain(
        [PersistentState("order")] IPersistentState<OrderState> state,
        IOptions<OrderPolicyOptions> options,
        ILogger<OrderGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _state = state;
        _policy = new OrderPolicy(options.Value);
        _logger = logger;
    }

    private string OrderId => GetPrimaryKeyString();

    private DateTimeOffset Now => TimeProvider.GetUtcNow();

    public async Task<OrderView> Upsert(OrderDocument document)
    {
        OrderValidation.ValidateOrderId(OrderId);
        OrderValidation.ValidateDocument(document);
        if (_state.State.Order is { } existing && existing.CustomerId != document.CustomerId)
        {
            throw ConversationException.Conflict(
                $"Order {OrderId} was imported for another customer and an order's customerId cannot change; cancel it and import a new order instead.");
        }

        var next = _state.State.Copy();
        next.Order = document;
        next.UpdatedAt = Now;
        await SaveAsync(next);
        if (!next.CustomerLinked) await LinkCustomerAsync(document.CustomerId);
        return View();
    }

    public Task<OrderView> Get(string? customerId)
    {
        Authorize(customerId);
        return Task.FromResult(View());
    }

    public Task<bool> Exists() => Task.FromResult(_state.State.Order is not null);

    public Task<CustomerOrder?> Lookup(string customerId)
    {
        if (string.IsNullOrWhiteSpace(customerId)) throw ConversationException.BadRequest("customerId must not be empty.");
        var order = _state.State.Order;
        if (order is null || !string.Equals(order.CustomerId, customerId, StringComparison.Ordinal)) return Task.FromResult<CustomerOrder?>(null);
        return Task.FromResult<CustomerOrder?>(new CustomerOrder(View(), _policy.Assess(order, _state.State.Logistics, Now)));
    }

    public async Task<OrderView> AppendLogistics(LogisticsEvent logisticsEvent)
    {
        OrderValidation.ValidateLogistics(logisticsEvent);
        var order = Authorize(customerId: null);
        var now = Now;
        if (logisticsEvent.At > now + TimeSpan.FromHours(1))
        {
            throw ConversationException.BadRequest($"at ({logisticsEvent.At:O}) is in the future.");
        }

        var logistics = _state.State.Logistics;

        // Carriers resend events; the same scan twice is one event.
        if (logistics.Contains(logisticsEvent)) return View();

        var next = _state.State.Copy();
        var index = next.Logistics.FindLastIndex(e => e.At <= logisticsEvent.At) + 1;
        next.Logistics.Insert(index, logisticsEvent);
        next.Order = OrderStatusFrom(order, logisticsEvent);
        next.UpdatedAt = now;
        await SaveAsync(next);
        return View();
    }

    public Task<OrderAssessment> Assess(string? customerId)
    {
        var order = Authorize(customerId);
        return Task.FromResult(_policy.Assess(order, _state.State.Logistics, Now));
    }

    public async Task<AfterSalesCase> OpenCase(string? customerId, OpenCaseRequest request)
    {
        var order = Authorize(customerId);
        OrderValidation.ValidateCaseRequest(request, order);
        if (_state.State.Cases.FirstOrDefault(c => c.Type == request.Type && !CaseStates.IsFinal(c.State)) is { } open)
        {
            throw ConversationException.Conflict($"A {request.Type} case ({open.CaseId}) is already open for this order; it is {open.State}.");
        }

        IReadOnlyList<string> skus = request.Skus is { Count: > 0 }
            ? [.. request.Skus.Distinct(StringComparer.Ordinal)]
            : [.. order.Items.Select(item => item.Sku)];
        var now = Now;
        var terms = _policy.Open(order, _state.State.Logistics, request.Type, request.Reason, skus, now);

        var next = _state.State.Copy();
        next.LastCaseNumber++;
        var state = CaseWorkflow.InitialState(request.Type);
        var actor = customerId is null ? CaseActors.System : CaseActors.Customer(customerId);
        var note = string.IsNullOrWhiteSpace(request.Note) ? terms.PolicyNote : $"{terms.PolicyNote}\nCustomer's note: {request.Note.Trim()}";
        var opened = new AfterSalesCase(
            CaseId: $"{OrderId}-C{next.LastCaseNumber}",
            OrderId: OrderId,
            Type: request.Type,
            State: state,
            Reason: request.Reason,
            Skus: skus,
            RefundAmount: terms.RefundAmount,
            ShopPaysShipping: terms.ShopPaysShipping,
            PolicyNote: note,
            OpenedAt: now,
            UpdatedAt: now,
            PromisedBy: terms.PromisedBy,
            History: [new CaseTransition(string.Empty, state, CaseActions.Open, actor, now)]);
        next.Cases.Add(opened);
        next.UpdatedAt = now;
        await SaveAsync(next);
        _logger.LogInformation("Order {OrderId}: {Type} case {CaseId} opened ({Reason}) by {Actor}", OrderId, opened.Type, opened.CaseId, opened.Reason, actor);
        return opened;
    }

    public async Task<AfterSalesCase> AdvanceCase(string caseId, string action, string actor)
    {
        OrderValidation.ValidateActor(actor);
        if (string.IsNullOrWhiteSpace(caseId)) throw ConversationException.BadRequest("caseId is required.");
        if (action is null || !CaseActions.All.Contains(action))
        {
            throw ConversationException.BadRequest($"action must be one of {string.Join(", ", CaseActions.All)} (was '{action}').");
        }

        var customerId = CaseActors.CustomerIdOf(actor);
        Authorize(customerId);
        var index = _state.State.Cases.FindIndex(c => c.CaseId == caseId);
        if (index < 0) throw ConversationException.NotFound($"Case {caseId} is not a case of order {OrderId}.");
        var current = _state.State.Cases[index];
        if (customerId is not null && !CaseWorkflow.CustomerActions.Contains(action))
        {
            throw ConversationException.Forbidden($"A customer can only {string.Join(" or ", CaseWorkflow.CustomerActions)} a case; '{action}' is up to the shop.");
        }

        if (!CaseWorkflow.TryMove(current.Type, current.State, action, out var to))
        {
            var allowed = CaseWorkflow.AllowedActions(current.Type, current.State);
            throw ConversationException.Conflict(allowed.Count == 0
                ? $"Case {caseId} is {current.State}, which is final: '{action}' is not possible."
                : $"Case {caseId} is {current.State}: '{action}' is not possible now (possible: {string.Join(", ", allowed)}).");
        }

        var now = Now;
        var moved = current with
        {
            State = to,
            UpdatedAt = now,
            PromisedBy = _policy.PromiseAfter(current.Type, to, current.PromisedBy, now),
            History = [.. current.History, new CaseTransition(current.State, to, action, actor, now)],
        };
        var next = _state.State.Copy();
        next.Cases[index] = moved;
        next.UpdatedAt = now;
        await SaveAsync(next);
        _logger.LogInformation("Order {OrderId}: case {CaseId} {From} -> {To} ({Action} by {Actor})", OrderId, caseId, current.State, to, action, actor);
        return moved;
    }

    /// <summary>The order for <paramref name="customerId"/> (or for staff when null), refused as the class remarks describe.</summary>
    private OrderDocument Authorize(string? customerId)
    {
        var order = _state.State.Order;
        if (customerId is not null)
        {
            if (string.IsNullOrWhiteSpace(customerId)) throw ConversationException.BadRequest("customerId must not be empty.");

            // Same refusal whether the order is someone else's or does not exist: its existence is not the caller's business.
            if (order is null || !string.Equals(order.CustomerId, customerId, StringComparison.Ordinal))
            {
                throw ConversationException.Forbidden($"Order {OrderId} is not one of your orders.");
            }
        }

        return order ?? throw ConversationException.NotFound($"Order {OrderId} does not exist.");
    }

    /// <summary>What a carrier event says about the order's own status: the first scan ships a paid order, a delivery scan delivers it.</summary>
    private static OrderDocument OrderStatusFrom(OrderDocument order, LogisticsEvent logisticsEvent)
    {
        var at = logisticsEvent.At;
        if (order.PaidAt is { } paidAt && at < paidAt) return order;
        if (logisticsEvent.Status == LogisticsStatuses.Delivered)
        {
            if (order.Status is not (OrderStatuses.Paid or OrderStatuses.Shipped) || order.DeliveredAt is not null) return order;
            if (order.ShippedAt is { } shippedAt && at < shippedAt) return order;
            return order with { Status = OrderStatuses.Delivered, DeliveredAt = at, ShippedAt = order.ShippedAt ?? at };
        }

        var isScan = logisticsEvent.Status is LogisticsStatuses.PickedUp or LogisticsStatuses.InTransit or LogisticsStatuses.OutForDelivery;
        if (isScan && order.Status == OrderStatuses.Paid && order.ShippedAt is null)
        {
            return order with { Status = OrderStatuses.Shipped, ShippedAt = at };
        }

        return order;
    }

    private async Task SaveAsync(OrderState next)
    {
        var previous = _state.State;
        _state.State = next;
        try
        {
            await _state.WriteStateAsync();
        }
        catch
        {
            _state.State = previous;
            throw;
        }
    }

    /// <summary>Tells the customer's grain about the order so the bot can offer it; retried on the next import if that fails.</summary>
    private async Task LinkCustomerAsync(string customerId)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(customerId).AddOrder(OrderId);
            var next = _state.State.Copy();
            next.CustomerLinked = true;
            await SaveAsync(next);
        }
#pragma warning disable CA1031 // The order is stored; a customer grain that is missing or failing must not fail the import.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.LogWarning(exception, "Order {OrderId} is stored but the customer's grain could not be told; retried on the next import", OrderId);
        }
    }

    private OrderView View()
    {
        var state = _state.State;
        return new OrderView(OrderId, state.Order!, [.. state.Logistics], [.. state.Cases], state.UpdatedAt);
    }
}
