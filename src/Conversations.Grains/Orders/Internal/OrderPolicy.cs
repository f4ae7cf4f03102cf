using System.Globalization;
using System.Text;
using Conversations.Abstractions;
using Conversations.Abstractions.Orders;

namespace Conversations.Grains.Orders.Internal;

/// <summary>
/// The after-sales rules as pure functions of an order, its carrier events and the current time: what
/// <see cref="IOrderGrain.Assess"/> reports and whether (and on which terms) a case may open. Every
/// refusal is an E_CONFLICT whose message the bot can say to the customer as it is.
/// </summary>
internal sealed class OrderPolicy
{
    private readonly OrderPolicyOptions _options;

    public OrderPolicy(OrderPolicyOptions options)
    {
        _options = options;
    }

    public OrderAssessment Assess(OrderDocument order, IReadOnlyList<LogisticsEvent> logistics, DateTimeOffset now)
    {
        var lateShipping = IsLateShipping(order, now);
        var lateDelivery = IsLateDelivery(order, now);
        var trackingStale = IsTrackingStale(order, logistics, now, out _);
        var deliveredAt = DeliveredAt(order);
        DateTimeOffset? noReasonEnds = deliveredAt?.AddDays(_options.NoReasonReturnDays);
        DateTimeOffset? qualityEnds = deliveredAt?.AddDays(_options.QualityReturnDays);
        var noReasonEligible = noReasonEnds is { } n && now <= n;
        var qualityEligible = qualityEnds is { } q && now <= q;
        var refundWithin = RefundWithin(order);
        var compensation = CompensationFor(lateShipping, lateDelivery);

        var text = new StringBuilder();
        ExplainStatus(text, order, logistics, lateShipping, lateDelivery, trackingStale);
        if (compensation is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $" We apologise: a {Money(compensation.Amount)} {compensation.Currency} no-threshold coupon is owed as compensation.");
        }

        if (deliveredAt is not null) ExplainWindows(text, noReasonEligible, noReasonEnds!.Value, qualityEligible, qualityEnds!.Value);
        ExplainRefund(text, order, refundWithin, returnable: deliveredAt is null || qualityEligible || noReasonEligible);

        return new OrderAssessment(lateShipping, lateDelivery, trackingStale, noReasonEligible, noReasonEnds, qualityEligible, qualityEnds,
            refundWithin, compensation, text.ToString().Trim());
    }

    /// <summary>The terms of a new case, or E_CONFLICT with the reason the policy refuses it.</summary>
    public CaseTerms Open(OrderDocument order, IReadOnlyList<LogisticsEvent> logistics, string type, string reason, IReadOnlyList<string> skus, DateTimeOffset now)
    {
        if (type == CaseTypes.Dispute) return OpenDispute(now);

        switch (order.Status)
        {
            case OrderStatuses.PendingPayment:
                throw ConversationException.Conflict(
                    "This order has not been paid yet, so there is nothing to return, exchange or refund; an unpaid order can simply be cancelled.");
            case OrderStatuses.Cancelled:
                throw ConversationException.Conflict(
                    "This order was cancelled, so it cannot be returned, exchanged or refunded again; any payment goes back to the original payment method.");
        }

        return type switch
        {
            CaseTypes.Return => OpenReturnOrExchange(order, type, reason, skus, now),
            CaseTypes.Exchange => OpenReturnOrExchange(order, type, reason, skus, now),
            CaseTypes.Refund => OpenRefund(order, reason, skus, now),
            CaseTypes.Repair => OpenRepair(order, reason, now),
            CaseTypes.Reship => OpenReship(order, logistics, reason, now),
            _ => throw ConversationException.BadRequest($"type '{type}' is not a case type."),
        };
    }

    /// <summary>When a case moves to <paramref name="to"/>, the promise it carries from then on.</summary>
    public DateTimeOffset? PromiseAfter(string type, string to, DateTimeOffset? current, DateTimeOffset now) => (type, to) switch
    {
        (CaseTypes.Return, CaseStates.Received) => now + _options.ReturnRefundWithin,
        (CaseTypes.Exchange, CaseStates.Received) => now + _options.ReshipWithin,
        (CaseTypes.Repair, CaseStates.Inspecting) => WorkingDays.Add(now, _options.RepairInspectionWorkingDaysMax),
        _ => current,
    };

    private static bool IsNoReason(string reason) => reason is CaseReasons.NoReason or CaseReasons.ChangedMind;

    private static bool IsQualityProblem(string reason) =>
        reason is CaseReasons.Quality or CaseReasons.Damaged or CaseReasons.WrongItem or CaseReasons.NotAsDescribed;

    private CaseTerms OpenReturnOrExchange(OrderDocument order, string type, string reason, IReadOnlyList<string> skus, DateTimeOffset now)
    {
        var noun = type == CaseTypes.Return ? "return" : "exchange";
        if (reason == CaseReasons.Missing)
        {
            throw ConversationException.Conflict("Missing items are sent again rather than returned: open a reship case instead.");
        }

        if (reason is CaseReasons.PriceDrop or CaseReasons.OutOfStock)
        {
            throw ConversationException.Conflict($"Price drops and out-of-stock items are settled with a refund case, not a {noun}.");
        }

        var deliveredAt = RequireDelivered(order, noun);
        var noReasonEnds = deliveredAt.AddDays(_options.NoReasonReturnDays);
        var qualityEnds = deliveredAt.AddDays(_options.QualityReturnDays);
        var refund = type == CaseTypes.Return ? RefundShare(order, skus) : 0m;
        if (IsNoReason(reason))
        {
            if (now > noReasonEnds)
            {
                var message = $"The {_options.NoReasonReturnDays}-day no-reason {noun} window for this order ended on {Date(noReasonEnds)} "
                    + $"({_options.NoReasonReturnDays} days after delivery on {Date(deliveredAt)}).";
                if (now <= qualityEnds) message += $" A quality problem can still be returned or exchanged free until {Date(qualityEnds)}.";
                throw ConversationException.Conflict(message);
            }

            var note = type == CaseTypes.Return
                ? $"No-reason return within {_options.NoReasonReturnDays} days of delivery (until {Date(noReasonEnds)}): the item must be unused and resaleable, "
                    + $"and the customer pays the return shipping. The refund of {Money(refund)} {order.Currency} follows within {Duration(_options.ReturnRefundWithin)} of the warehouse receiving it."
                : $"Exchange for another size or colour within {_options.NoReasonReturnDays} days of delivery (until {Date(noReasonEnds)}): "
                    + "the customer pays to send the item back and the shop ships the new one free.";
            return new CaseTerms(ShopPaysShipping: false, refund, PromisedBy: null, note);
        }

        if (!IsQualityProblem(reason))
        {
            throw ConversationException.Conflict($"A {noun} needs a reason such as no reason, quality, damaged, wrong item or not as described (was {Words(reason)}).");
        }

        if (now > qualityEnds)
        {
            var message = $"The {_options.QualityReturnDays}-day window for returning or exchanging an item with a problem ended on {Date(qualityEnds)}.";
            var warrantyEnds = deliveredAt.AddDays(_options.WarrantyDays);
            if (now <= warrantyEnds) message += $" A faulty item can still be repaired free under warranty until {Date(warrantyEnds)}: open a repair case.";
            throw ConversationException.Conflict(message);
        }

        var qualityNote = type == CaseTypes.Return
            ? $"Return for a problem ({Words(reason)}) within {_options.QualityReturnDays} days of delivery (until {Date(qualityEnds)}): the shop pays the return shipping. "
                + $"The refund of {Money(refund)} {order.Currency} follows within {Duration(_options.ReturnRefundWithin)} of the warehouse receiving it."
            : $"Exchange for a problem ({Words(reason)}) within {_options.QualityReturnDays} days of delivery (until {Date(qualityEnds)}): the shop pays shipping both ways.";
        return new CaseTerms(ShopPaysShipping: true, refund, PromisedBy: null, qualityNote);
    }

    private CaseTerms OpenRefund(OrderDocument order, string reason, IReadOnlyList<string> skus, DateTimeOffset now)
    {
        if (reason == CaseReasons.PriceDrop)
        {
            var paidAt = order.PaidAt ?? throw ConversationException.Conflict("This order has no payment, so there is no price to protect.");
            var protectionEnds = paidAt.AddDays(_options.PriceProtectionDays);
            if (now > protectionEnds)
            {
                throw ConversationException.Conflict(
                    $"Price protection covers {_options.PriceProtectionDays} days after payment; for this order it ended on {Date(protectionEnds)}.");
            }

            return new CaseTerms(ShopPaysShipping: false, RefundAmount: 0m, now + _options.ReturnRefundWithin,
                $"Price protection within {_options.PriceProtectionDays} days of payment (until {Date(protectionEnds)}): once the lower price is confirmed, "
                + $"the difference goes back to the original payment method within {Duration(_options.ReturnRefundWithin)}. "
                + "Flash-sale, livestream-only and coupon-stacked prices are not covered.");
        }

        if (!IsNoReason(reason) && reason != CaseReasons.OutOfStock)
        {
            throw ConversationException.Conflict(reason == CaseReasons.Missing
                ? "Missing items are sent again: open a reship case."
                : $"An item with a problem ({Words(reason)}) is settled by a return, an exchange or a reship, not a refund on its own.");
        }

        switch (order.Status)
        {
            case OrderStatuses.Shipped:
                throw ConversationException.Conflict(
                    $"This order has already shipped, so it can no longer be refunded straight away: refuse the delivery, or return it within {_options.NoReasonReturnDays} days after it arrives.");
            case OrderStatuses.Delivered:
                throw ConversationException.Conflict(
                    $"This order was delivered: open a return instead ({_options.NoReasonReturnDays} days without a reason, {_options.QualityReturnDays} days for a problem).");
        }

        var refund = RefundShare(order, skus);
        var why = reason == CaseReasons.OutOfStock
            ? "We are sorry the item is out of stock. "
            : string.Empty;
        return new CaseTerms(ShopPaysShipping: false, refund, now + _options.UnshippedRefundWithin,
            why + $"Refund of an order that has not shipped: {Money(refund)} {order.Currency} goes back to the original payment method within "
            + $"{Duration(_options.UnshippedRefundWithin)}{BankCardNote()}.");
    }

    private CaseTerms OpenRepair(OrderDocument order, string reason, DateTimeOffset now)
    {
        if (reason is not (CaseReasons.Quality or CaseReasons.Damaged or CaseReasons.NotAsDescribed))
        {
            throw ConversationException.Conflict($"A repair is for a faulty or damaged item (was {Words(reason)}).");
        }

        var deliveredAt = RequireDelivered(order, "repair");
        var warrantyEnds = deliveredAt.AddDays(_options.WarrantyDays);
        var inspection = $"{_options.RepairInspectionWorkingDaysMin}–{_options.RepairInspectionWorkingDaysMax} working days";
        if (now <= warrantyEnds)
        {
            return new CaseTerms(ShopPaysShipping: true, RefundAmount: 0m, PromisedBy: null,
                $"Free repair under warranty (until {Date(warrantyEnds)}): a courier collects the item at the shop's cost, the service centre inspects it within {inspection}, "
                + "and faults not caused by misuse are repaired with original parts and sent back with an inspection report.");
        }

        return new CaseTerms(ShopPaysShipping: false, RefundAmount: 0m, PromisedBy: null,
            $"Out of warranty since {Date(warrantyEnds)}: the service centre inspects the item within {inspection} and quotes the cost first; "
            + "it is only repaired once the customer agrees.");
    }

    private CaseTerms OpenReship(OrderDocument order, IReadOnlyList<LogisticsEvent> logistics, string reason, DateTimeOffset now)
    {
        if (reason is not (CaseReasons.Missing or CaseReasons.WrongItem or CaseReasons.Damaged))
        {
            throw ConversationException.Conflict($"Sending again is for missing, wrong or damaged items (was {Words(reason)}).");
        }

        var promise = now + _options.ReshipWithin;
        var within = Duration(_options.ReshipWithin);
        if (order.Status == OrderStatuses.Shipped && DeliveredAt(order) is null)
        {
            if (reason == CaseReasons.Missing && IsTrackingStale(order, logistics, now, out var lastEvent))
            {
                return new CaseTerms(ShopPaysShipping: true, RefundAmount: 0m, promise,
                    $"The parcel looks lost (no carrier update since {Date(lastEvent)}): a replacement is sent first, within {within}, "
                    + "and the shop claims from the carrier afterwards; the customer does not need to deal with the carrier.");
            }

            throw ConversationException.Conflict(
                $"The parcel is still on its way; if the tracking shows no update for {Duration(_options.TrackingStaleAfter)}, we treat it as lost and send another.");
        }

        var deliveredAt = RequireDelivered(order, "reship");
        var reportBy = deliveredAt.AddDays(_options.QualityReturnDays);
        if (now > reportBy)
        {
            throw ConversationException.Conflict(
                $"Missing, wrong or damaged items are sent again when reported within {_options.QualityReturnDays} days of delivery; for this order that ended on {Date(reportBy)}.");
        }

        var note = reason switch
        {
            CaseReasons.Missing => $"We are sorry an item was missing: it is sent again within {within}, with a small gift to apologise.",

            // Decision: a wrong item is replaced by default (collected at the shop's cost); keeping it for
            // compensation is the customer's choice, arranged by an agent, not something the bot promises.
            CaseReasons.WrongItem => $"We are sorry we sent the wrong item: the right one is sent within {within} and the wrong one is collected at the shop's cost. "
                + "A customer who would rather keep it can tell an agent and is compensated instead.",
            _ => $"We are sorry the parcel arrived damaged: a replacement is sent first, within {within}, and the shop claims from the carrier afterwards; "
                + "the customer does not need to deal with the carrier.",
        };
        return new CaseTerms(ShopPaysShipping: true, RefundAmount: 0m, promise, note);
    }

    private CaseTerms OpenDispute(DateTimeOffset now) =>
        new(ShopPaysShipping: false, RefundAmount: 0m, now + _options.DisputeResponseWithin,
            $"A person looks into this and answers within {Duration(_options.DisputeResponseWithin)}: we listen to the whole story, agree a solution with the customer and follow up.");

    private DateTimeOffset RequireDelivered(OrderDocument order, string noun)
    {
        if (DeliveredAt(order) is { } deliveredAt) return deliveredAt;
        throw order.Status switch
        {
            OrderStatuses.Paid => ConversationException.Conflict(
                $"This order has not shipped yet, so there is nothing to {noun}: cancel it with a refund and the money is back within {Duration(_options.UnshippedRefundWithin)}."),
            _ when noun is "return" or "exchange" => ConversationException.Conflict(
                $"This order has not been delivered yet: you can refuse the delivery, or ask for a {noun} once it arrives (within {_options.NoReasonReturnDays} days without a reason)."),
            _ => ConversationException.Conflict($"This order has not been delivered yet, so there is nothing to {noun} yet."),
        };
    }

    private static DateTimeOffset? DeliveredAt(OrderDocument order) =>
        order.Status == OrderStatuses.Delivered ? order.DeliveredAt : null;

    private static bool IsLateShipping(OrderDocument order, DateTimeOffset now)
    {
        if (order.PromisedShipBy is not { } promised || order.Status is OrderStatuses.PendingPayment or OrderStatuses.Cancelled) return false;
        return order.ShippedAt is { } shipped ? shipped > promised : now > promised;
    }

    private static bool IsLateDelivery(OrderDocument order, DateTimeOffset now)
    {
        if (order.PromisedDeliveryBy is not { } promised || order.Status is OrderStatuses.PendingPayment or OrderStatuses.Cancelled) return false;
        return DeliveredAt(order) is { } delivered ? delivered > promised : now > promised;
    }

    private bool IsTrackingStale(OrderDocument order, IReadOnlyList<LogisticsEvent> logistics, DateTimeOffset now, out DateTimeOffset lastEvent)
    {
        lastEvent = default;
        if (order.Status != OrderStatuses.Shipped) return false;
        DateTimeOffset? last = logistics.Count > 0 ? logistics[^1].At : null;
        if (order.ShippedAt is { } shipped && (last is null || shipped > last)) last = shipped;
        if (last is null) return false;
        lastEvent = last.Value;
        return now - lastEvent > _options.TrackingStaleAfter;
    }

    private TimeSpan RefundWithin(OrderDocument order) => order.Status switch
    {
        OrderStatuses.Paid => _options.UnshippedRefundWithin,
        OrderStatuses.Shipped or OrderStatuses.Delivered => _options.ReturnRefundWithin,
        OrderStatuses.Cancelled when order.PaidAt is not null => _options.UnshippedRefundWithin,
        _ => TimeSpan.Zero,
    };

    private Compensation? CompensationFor(bool lateShipping, bool lateDelivery)
    {
        // One coupon per order: a late delivery's covers a late shipment too.
        if (lateDelivery && _options.LateDeliveryCoupon > 0)
        {
            return new Compensation(CompensationKinds.NoThresholdCoupon, _options.LateDeliveryCoupon, _options.CompensationCurrency, CompensationReasons.LateDelivery);
        }

        if (lateShipping && _options.LateShippingCoupon > 0)
        {
            return new Compensation(CompensationKinds.NoThresholdCoupon, _options.LateShippingCoupon, _options.CompensationCurrency, CompensationReasons.LateShipping);
        }

        return null;
    }

    private void ExplainStatus(StringBuilder text, OrderDocument order, IReadOnlyList<LogisticsEvent> logistics,
        bool lateShipping, bool lateDelivery, bool trackingStale)
    {
        switch (order.Status)
        {
            case OrderStatuses.PendingPayment:
                text.Append("The order is waiting for payment.");
                break;
            case OrderStatuses.Cancelled:
                text.Append("The order was cancelled.");
                break;
            case OrderStatuses.Paid:
                text.Append("The order is paid and has not shipped yet.");
                if (order.PromisedShipBy is { } shipBy)
                {
                    text.Append(lateShipping
                        ? $" It should have shipped by {Date(shipBy)} and is late; we are chasing the warehouse."
                        : $" It is promised to ship by {Date(shipBy)}.");
                }

                break;
            case OrderStatuses.Shipped:
                text.Append(CultureInfo.InvariantCulture, $"The order shipped on {Date(order.ShippedAt!.Value)}{Carrier(order)}.");
                if (lateShipping) text.Append(CultureInfo.InvariantCulture, $" That was later than the promised {Date(order.PromisedShipBy!.Value)}.");
                if (logistics.Count > 0)
                {
                    var last = logistics[^1];
                    text.Append(CultureInfo.InvariantCulture, $" Latest update ({Date(last.At)}): {last.Description}");
                    if (!last.Description.EndsWith('.') && !last.Description.EndsWith('。')) text.Append('.');
                }

                if (trackingStale)
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $" The tracking has not moved for over {Duration(_options.TrackingStaleAfter)}, so we are contacting the carrier; if the parcel is lost, a replacement is sent first.");
                }

                if (order.PromisedDeliveryBy is { } deliverBy)
                {
                    text.Append(lateDelivery
                        ? $" It should have arrived by {Date(deliverBy)} and is late."
                        : $" Delivery is promised by {Date(deliverBy)}.");
                }

                break;
            case OrderStatuses.Delivered:
                text.Append(CultureInfo.InvariantCulture, $"The order was delivered on {Date(order.DeliveredAt!.Value)}{Carrier(order)}.");
                if (lateDelivery) text.Append(CultureInfo.InvariantCulture, $" That was later than the promised {Date(order.PromisedDeliveryBy!.Value)}.");
                else if (lateShipping) text.Append(CultureInfo.InvariantCulture, $" It shipped later than the promised {Date(order.PromisedShipBy!.Value)}.");
                break;
        }
    }

    private void ExplainWindows(StringBuilder text, bool noReasonEligible, DateTimeOffset noReasonEnds, bool qualityEligible, DateTimeOffset qualityEnds)
    {
        if (noReasonEligible)
        {
            text.Append(CultureInfo.InvariantCulture,
                $" It can be returned without a reason until {Date(noReasonEnds)} ({_options.NoReasonReturnDays} days after delivery; the customer pays return shipping),"
                + $" and a quality problem is returned or exchanged free until {Date(qualityEnds)}.");
        }
        else if (qualityEligible)
        {
            text.Append(CultureInfo.InvariantCulture,
                $" The {_options.NoReasonReturnDays}-day no-reason return window ended on {Date(noReasonEnds)}, but a quality problem is returned or exchanged free until {Date(qualityEnds)}.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture,
                $" The return windows have ended ({_options.NoReasonReturnDays} days without a reason, {_options.QualityReturnDays} days for a quality problem); faulty items can still be repaired under warranty.");
        }
    }

    private void ExplainRefund(StringBuilder text, OrderDocument order, TimeSpan refundWithin, bool returnable)
    {
        switch (order.Status)
        {
            case OrderStatuses.Paid:
                text.Append(CultureInfo.InvariantCulture,
                    $" If it is cancelled before shipping, the refund arrives within {Duration(refundWithin)}{BankCardNote()}.");
                break;
            case OrderStatuses.Shipped or OrderStatuses.Delivered when returnable:
                text.Append(CultureInfo.InvariantCulture,
                    $" A return is refunded within {Duration(refundWithin)} of the warehouse receiving it{BankCardNote()}.");
                break;
            case OrderStatuses.Cancelled when order.PaidAt is not null:
                text.Append(CultureInfo.InvariantCulture,
                    $" The payment goes back to the original payment method within {Duration(refundWithin)}{BankCardNote()}.");
                break;
        }
    }

    private string BankCardNote() =>
        $" (wallets at once; bank cards take {_options.BankCardExtraWorkingDaysMin}–{_options.BankCardExtraWorkingDaysMax} more working days)";

    /// <summary>
    /// The refund for some of an order's items: their share of what was actually paid, so order-level
    /// discounts are deducted in proportion (the whole order refunds exactly the amount paid).
    /// </summary>
    private static decimal RefundShare(OrderDocument order, IReadOnlyList<string> skus)
    {
        if (order.Items.All(item => skus.Contains(item.Sku))) return order.Amount;
        var listTotal = order.Items.Sum(item => item.Price * item.Quantity);
        if (listTotal == 0) return 0m;
        var selected = order.Items.Where(item => skus.Contains(item.Sku)).Sum(item => item.Price * item.Quantity);
        return Math.Round(order.Amount * selected / listTotal, 2, MidpointRounding.AwayFromZero);
    }

    private static string Carrier(OrderDocument order) =>
        order.Carrier is null ? string.Empty : order.TrackingNo is null ? $" with {order.Carrier}" : $" with {order.Carrier} (tracking {order.TrackingNo})";

    private static string Words(string code) => code.Replace('_', ' ');

    private static string Money(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan span) =>
        span.TotalHours < 1 ? Plural((int)Math.Round(span.TotalMinutes), "minute")
        : span.TotalHours % 24 == 0 && span.TotalHours >= 48 ? Plural((int)span.TotalDays, "day")
        : Plural((int)Math.Round(span.TotalHours), "hour");

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";
}
