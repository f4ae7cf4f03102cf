using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// What the bot says about one order, in plain words, for each order question: where it is, whether it
/// can be returned, when the refund arrives, whether it can still be cancelled or re-addressed. Facts
/// come from the order grain's view and assessment; the bot only phrases them (and apologises when the
/// shop is late, with the compensation the policy owes).
/// </summary>
internal sealed class OrderAnswers
{
    private readonly OrderDesk _desk;
    private readonly BotPolicyOptions _options;
    private readonly IReadOnlyList<(SalePeriod Period, MonthDay From, MonthDay To)> _sales;

    public OrderAnswers(OrderDesk desk, BotPolicyOptions options)
    {
        _desk = desk;
        _options = options;
        _sales = [.. options.EffectiveSalePeriods.Select(p => (p, Parse(p.From), Parse(p.To)))];
    }

    // ------------------------------------------------------------------ where is my order

    /// <summary>The status answer: plain words, an apology and the compensation when late, and the order card.</summary>
    public void Status(OrderFacts facts, TurnBuilder turn)
    {
        var s = turn.Speech;
        var a = facts.Assessment;
        var text = new List<string?>(StatusSentences(facts, s));
        if (a.LateShipping || a.LateDelivery)
        {
            turn.Apologize(facts.Status == OrderStatuses.Delivered
                ? s.T("I'm really sorry your order arrived later than we promised.", "亲，非常抱歉，您的订单比承诺的时间晚到了。")
                : s.T("I'm really sorry your order is running late.", "亲，非常抱歉，您的订单延误了，让您久等了。"), specific: true);
            turn.Facts.Add(a.LateDelivery ? "late delivery" : "late shipping");
        }
        else if (a.TrackingStale)
        {
            turn.Apologize(s.T("Sorry for the wait.", "亲，抱歉让您久等了。"), specific: true);
            turn.Facts.Add("tracking stale");
        }

        text.Add(CompensationSentence(a, s));
        turn.Say(s.Join(text));
        turn.Add(BotReplies.OrderCard(_desk.Card(facts, s)));
        turn.Facts.Add($"status {facts.Status}");
    }

    /// <summary>The status in plain words, without apologies: also the agent's draft.</summary>
    public IEnumerable<string> StatusSentences(OrderFacts facts, Speech s)
    {
        var o = facts.Order;
        var a = facts.Assessment;
        var id = facts.OrderId;
        switch (o.Status)
        {
            case OrderStatuses.PendingPayment:
                yield return s.T(
                    $"Order {id} is waiting for payment. An unpaid order is cancelled automatically {s.Duration(_options.UnpaidOrderCancelAfter)} after it's placed.",
                    $"订单 {id} 还没有付款哦，下单后 {s.Duration(_options.UnpaidOrderCancelAfter)}内未付款会自动取消。");
                break;

            case OrderStatuses.Paid:
                yield return s.T($"Order {id} is paid and hasn't shipped yet.", $"订单 {id} 已付款，还在等待发货。");
                if (o.PromisedShipBy is { } shipBy)
                {
                    yield return a.LateShipping
                        ? s.T($"It should have shipped by {s.Date(shipBy)}, so it's running late; we're chasing the warehouse to send it out first.",
                            $"按承诺应在 {s.Date(shipBy)} 前发出，现在已经超时了，我们正在催仓库优先发出。")
                        : s.T($"It's due to ship by {s.Date(shipBy)}.", $"预计 {s.Date(shipBy)} 前发货。");
                }

                if (SaleDuring(o.PaidAt ?? s.Now) is { } sale) yield return SaleSentence(sale, s);
                break;

            case OrderStatuses.Shipped:
                yield return o.ShippedAt is { } shippedAt
                    ? s.T($"Order {id} shipped on {s.Date(shippedAt)}{CarrierEn(o)}.", $"订单 {id} 已于 {s.Date(shippedAt)} 发出{CarrierZh(o)}。")
                    : s.T($"Order {id} has shipped{CarrierEn(o)}.", $"订单 {id} 已经发货{CarrierZh(o)}。");
                if (a.LateShipping && o.PromisedShipBy is { } promisedShip)
                {
                    yield return s.T($"That was later than the promised {s.Date(promisedShip)}.", $"比承诺的 {s.Date(promisedShip)} 晚了。");
                    if (SaleDuring(o.PaidAt ?? s.Now) is { } lateSale) yield return SaleSentence(lateSale, s);
                }

                if (facts.LastEvent is { } last) yield return LastEventSentence(facts, last, s);
                if (a.TrackingStale)
                {
                    var since = facts.LastEvent?.At ?? o.ShippedAt;
                    yield return s.T(
                        $"The tracking hasn't updated{(since is { } t ? " since " + s.Date(t) : string.Empty)}, which is longer than it should be, so we're checking with {o.Carrier ?? "the courier"}. If the parcel is lost, we'll send you a replacement first and settle it with the courier ourselves.",
                        $"物流{(since is { } z ? "从 " + s.Date(z) + " 之后" : string.Empty)}一直没有更新，时间有点久了，我们正在联系{o.Carrier ?? "快递公司"}核实；如果确认丢件，我们会先给您补发，再去找快递追责，不用您操心。");
                }

                if (o.PromisedDeliveryBy is { } deliverBy)
                {
                    yield return a.LateDelivery
                        ? s.T($"It was due to arrive by {s.Date(deliverBy)} and is running late.", $"原定 {s.Date(deliverBy)} 前送达，现在已经晚了。")
                        : s.T($"It should arrive by {s.Date(deliverBy)}.", $"预计 {s.Date(deliverBy)} 前送达。");
                }

                break;

            case OrderStatuses.Delivered:
                yield return o.DeliveredAt is { } deliveredAt
                    ? s.T($"Order {id} was delivered on {s.Date(deliveredAt)}.", $"订单 {id} 已于 {s.Date(deliveredAt)} 签收。")
                    : s.T($"Order {id} has been delivered.", $"订单 {id} 已经签收了。");
                if (a.LateDelivery && o.PromisedDeliveryBy is { } promisedDelivery)
                {
                    yield return s.T($"That was later than the promised {s.Date(promisedDelivery)}.", $"比承诺的 {s.Date(promisedDelivery)} 晚了。");
                }
                else if (a.LateShipping && o.PromisedShipBy is { } promisedShipping)
                {
                    yield return s.T($"It shipped later than the promised {s.Date(promisedShipping)}.", $"发货比承诺的 {s.Date(promisedShipping)} 晚了。");
                }

                yield return s.T(
                    "If you can't find it, check with family, neighbours and nearby parcel lockers; if it's still missing, tell me and we'll ask the courier for proof of delivery.",
                    "如果没看到包裹，可以先问问家人、邻居有没有代收，或者看看附近的快递柜、驿站；还是找不到的话告诉小露，我们马上联系快递核实签收凭证。");
                break;

            case OrderStatuses.Cancelled:
                yield return s.T($"Order {id} was cancelled. Any payment goes back to your original payment method.", $"订单 {id} 已取消，已付的款项会原路退回。");
                break;

            default:
                yield return s.T($"Order {id} is {o.Status.Replace('_', ' ')}.", $"订单 {id} 当前状态：{o.Status}。");
                break;
        }
    }

    // ------------------------------------------------------------------ returns and exchanges

    public void Returns(OrderFacts facts, TurnBuilder turn)
    {
        var s = turn.Speech;
        var text = new List<string?> { OpenCaseSentence(facts, s, CaseTypes.Return, CaseTypes.Exchange) };
        text.AddRange(ReturnSentences(facts, s));
        turn.Say(s.Join(text));
        var a = facts.Assessment;
        if (facts.Status == OrderStatuses.Delivered && !a.NoReasonReturnEligible && !a.QualityReturnEligible)
        {
            turn.Apologize(s.T("I'm sorry.", "亲，非常抱歉。"), specific: true);
            OfferPerson(turn);
        }

        turn.Facts.Add(a.NoReasonReturnEligible ? "inside no-reason return window" : a.QualityReturnEligible ? "inside quality return window only" : $"status {facts.Status}");
    }

    /// <summary>Whether and how the order can be returned or exchanged: also the agent's draft.</summary>
    public IEnumerable<string> ReturnSentences(OrderFacts facts, Speech s)
    {
        var o = facts.Order;
        var a = facts.Assessment;
        var id = facts.OrderId;
        var refundWithin = s.Duration(a.RefundWithin);
        switch (o.Status)
        {
            case OrderStatuses.PendingPayment:
                yield return s.T($"Order {id} hasn't been paid, so there's nothing to return; you can simply cancel it.",
                    $"订单 {id} 还没有付款，不需要退货，直接取消订单就可以了。");
                break;

            case OrderStatuses.Paid:
                yield return s.T(
                    $"Order {id} hasn't shipped yet, so there's no need for a return: tap \"Request refund\" on the order and the money is back within {refundWithin}.",
                    $"订单 {id} 还没有发货，不用走退货，在订单页点“申请退款”就可以，{refundWithin}内原路退回。");
                break;

            case OrderStatuses.Shipped:
                yield return s.T(
                    $"Order {id} is still on its way. You can refuse the delivery, or once it arrives, return or exchange it without a reason within the return window; refunds follow within {refundWithin} of the warehouse receiving the item.",
                    $"订单 {id} 还在运输途中，可以直接拒收；签收后在无理由退换期内也可以申请退换，仓库收到退回的商品后 {refundWithin}内退款。");
                break;

            case OrderStatuses.Delivered:
                var deliveredAt = o.DeliveredAt ?? s.Now;
                if (a.NoReasonReturnEligible && a.NoReasonReturnEndsAt is { } noReasonEnds)
                {
                    var days = Speech.WholeDays(deliveredAt, noReasonEnds);
                    yield return s.T(
                        $"Order {id} was delivered on {s.Day(deliveredAt)}, so it can still be returned or exchanged without a reason until {s.Date(noReasonEnds)} ({days} days after delivery). The item should be unworn and unwashed, with its tags and packaging, and the return shipping is yours (covered if you bought shipping insurance).",
                        $"订单 {id} 于 {s.Day(deliveredAt)} 签收，{s.Date(noReasonEnds)} 前（签收后 {days} 天内）都可以无理由退换。商品需要未穿着、未洗涤，吊牌和包装完好，寄回运费由您承担（买了运费险可以理赔）。");
                    if (a.QualityReturnEligible && a.QualityReturnEndsAt is { } qualityEnds)
                    {
                        yield return s.T($"If there's a quality problem, it's free until {s.Date(qualityEnds)} and we pay shipping both ways.",
                            $"如果是质量问题，{s.Date(qualityEnds)} 前都可以免费退换，来回运费由我们承担。");
                    }

                    yield return s.T(
                        $"To start, go to My orders > After-sales and choose Return or Exchange; once the warehouse receives the item, the refund follows within {refundWithin}.",
                        $"在“我的订单-申请售后”里选择退货或换货就可以，仓库收到并验收后 {refundWithin}内退款。");
                }
                else if (a.QualityReturnEligible && a.QualityReturnEndsAt is { } qualityEnds)
                {
                    var ended = a.NoReasonReturnEndsAt ?? deliveredAt;
                    var days = Speech.WholeDays(deliveredAt, ended);
                    yield return s.T(
                        $"The {days}-day no-reason return window for order {id} ended on {s.Date(ended)}, but a quality problem can still be returned or exchanged free until {s.Date(qualityEnds)}, with shipping both ways paid by us: choose After-sales > Return and upload photos of the problem.",
                        $"订单 {id} 的 {days} 天无理由退换已在 {s.Date(ended)} 到期，不过如果是质量问题，{s.Date(qualityEnds)} 前仍可以免费退换，来回运费我们承担：在“申请售后”里选择退货并上传问题照片就可以。");
                }
                else
                {
                    var noReasonEnded = a.NoReasonReturnEndsAt ?? deliveredAt;
                    var qualityEnded = a.QualityReturnEndsAt ?? noReasonEnded;
                    yield return s.T(
                        $"The return windows for order {id} have ended: {Speech.WholeDays(deliveredAt, noReasonEnded)} days without a reason (until {s.Day(noReasonEnded)}) and {Speech.WholeDays(deliveredAt, qualityEnded)} days for quality problems (until {s.Day(qualityEnded)}). If the item is faulty, it may still be repairable under warranty, and a colleague can check that for you.",
                        $"订单 {id} 已经超过退换期限了：无理由退换是签收后 {Speech.WholeDays(deliveredAt, noReasonEnded)} 天（{s.Day(noReasonEnded)} 到期），质量问题退换是 {Speech.WholeDays(deliveredAt, qualityEnded)} 天（{s.Day(qualityEnded)} 到期）。如果商品有故障，可能还在保修范围内，可以让人工客服帮您确认。");
                }

                break;

            case OrderStatuses.Cancelled:
                yield return s.T($"Order {id} was cancelled, so there's nothing to return; any payment goes back to your original payment method.",
                    $"订单 {id} 已经取消，不需要退货，已付的款项会原路退回。");
                break;
        }
    }

    // ------------------------------------------------------------------ refunds

    /// <summary>Where the refund stands, or how soon one would arrive; true when a promised refund is overdue.</summary>
    public bool Refund(OrderFacts facts, TurnBuilder turn)
    {
        var s = turn.Speech;
        var overdue = RefundOverdue(facts, s.Now);
        if (overdue)
        {
            turn.Apologize(s.T("I'm really sorry your refund is taking longer than we promised.", "亲，非常抱歉，您的退款超过了承诺的时间还没到账。"), specific: true);
            turn.Facts.Add("refund overdue");
        }

        turn.Say(s.Join(RefundSentences(facts, s)));
        if (overdue || RefundCase(facts) is { State: CaseStates.Rejected }) OfferPerson(turn);
        return overdue;
    }

    /// <summary>A refund case whose promised time has passed without the money going out.</summary>
    public static bool RefundOverdue(OrderFacts facts, DateTimeOffset now) =>
        RefundCase(facts) is { } c && !CaseStates.IsFinal(c.State) && c.State != CaseStates.Refunded && c.PromisedBy is { } by && by < now;

    public IEnumerable<string> RefundSentences(OrderFacts facts, Speech s)
    {
        var o = facts.Order;
        var a = facts.Assessment;
        var id = facts.OrderId;
        var within = s.Duration(a.RefundWithin);
        const string WalletsEn = "WeChat Pay and Alipay refunds show up at once; bank cards take 1–3 more working days.";
        const string WalletsZh = "微信、支付宝一般即时到账，银行卡需要 1–3 个工作日。";

        if (RefundCase(facts) is { } c)
        {
            var money = s.Money(c.RefundAmount, o.Currency);
            switch (c.State)
            {
                case CaseStates.Refunded or CaseStates.Closed when CaseWords.ReachedAt(c, CaseStates.Refunded) is { } refundedAt:
                    yield return s.T($"The refund of {money} for order {id} was issued on {s.Date(refundedAt)} (case {c.CaseId}).",
                        $"订单 {id} 的退款 {money} 已于 {s.Date(refundedAt)} 退出（售后单 {c.CaseId}）。");
                    yield return s.T(WalletsEn, WalletsZh);
                    yield break;
                case CaseStates.Received:
                    var receivedAt = CaseWords.ReachedAt(c, CaseStates.Received) ?? c.UpdatedAt;
                    yield return c.PromisedBy is { } by
                        ? s.T($"The warehouse received your return for order {id} on {s.Date(receivedAt)}; the refund of {money} is due by {s.Date(by)} (case {c.CaseId}).",
                            $"仓库已于 {s.Date(receivedAt)} 收到订单 {id} 的退货，退款 {money} 会在 {s.Date(by)} 前退出（售后单 {c.CaseId}）。")
                        : s.T($"The warehouse received your return for order {id} on {s.Date(receivedAt)}; the refund of {money} follows within {within} (case {c.CaseId}).",
                            $"仓库已于 {s.Date(receivedAt)} 收到订单 {id} 的退货，{within}内退款 {money}（售后单 {c.CaseId}）。");
                    if (c.PromisedBy is { } due && due < s.Now)
                    {
                        yield return s.T("It's overdue, so a colleague will chase it for you right away.", "已经超时了，我请人工同事马上帮您跟进。");
                    }

                    yield return s.T(WalletsEn, WalletsZh);
                    yield break;
                case CaseStates.Requested or CaseStates.Approved when c.Type == CaseTypes.Return:
                    yield return s.T(
                        $"Your return for order {id} (case {c.CaseId}) is {CaseWords.State(c.State, s)}. Once the warehouse receives the item, the refund of {money} follows within {within}.",
                        $"订单 {id} 的退货申请（售后单 {c.CaseId}）{CaseWords.State(c.State, s)}，仓库收到商品后 {within}内退款 {money}。");
                    yield return s.T(WalletsEn, WalletsZh);
                    yield break;
                case CaseStates.Requested:
                    yield return c.PromisedBy is { } refundBy
                        ? s.T($"Your refund of {money} for order {id} (case {c.CaseId}) is being processed and is due by {s.Date(refundBy)}.",
                            $"订单 {id} 的退款 {money}（售后单 {c.CaseId}）正在处理，{s.Date(refundBy)} 前退回。")
                        : s.T($"Your refund of {money} for order {id} (case {c.CaseId}) is being processed.", $"订单 {id} 的退款 {money}（售后单 {c.CaseId}）正在处理中。");
                    if (c.PromisedBy is { } late && late < s.Now)
                    {
                        yield return s.T("It's overdue, so a colleague will chase it for you right away.", "已经超时了，我请人工同事马上帮您跟进。");
                    }

                    yield return s.T(WalletsEn, WalletsZh);
                    yield break;
                case CaseStates.Rejected:
                    yield return s.T($"Your {CaseWords.Type(c.Type, s)} request for order {id} (case {c.CaseId}) was not approved. A colleague can go through the reason with you.",
                        $"订单 {id} 的{CaseWords.Type(c.Type, s)}申请（售后单 {c.CaseId}）没有通过审核，可以让人工客服和您确认具体原因。");
                    yield break;
            }
        }

        switch (o.Status)
        {
            case OrderStatuses.PendingPayment:
                yield return s.T($"Order {id} was never paid, so there's nothing to refund.", $"订单 {id} 还没有付款，不涉及退款哦。");
                break;
            case OrderStatuses.Paid:
                yield return s.T($"Order {id} hasn't shipped, so if you cancel it with \"Request refund\", the money is back within {within}.",
                    $"订单 {id} 还没有发货，点“申请退款”取消的话，{within}内原路退回。");
                yield return s.T(WalletsEn, WalletsZh);
                break;
            case OrderStatuses.Cancelled:
                yield return s.T($"Order {id} was cancelled; the payment goes back to your original payment method within {within}.",
                    $"订单 {id} 已取消，款项会在 {within}内原路退回。");
                yield return s.T(WalletsEn, WalletsZh);
                break;
            default:
                yield return s.T($"There's no refund in progress for order {id} yet. A returned item is refunded within {within} of the warehouse receiving it.",
                    $"订单 {id} 目前还没有进行中的退款。退货的商品仓库收到并验收后 {within}内退款。");
                yield return s.T(WalletsEn, WalletsZh);
                break;
        }
    }

    // ------------------------------------------------------------------ cancel, change address

    public void Cancel(OrderFacts facts, TurnBuilder turn)
    {
        var s = turn.Speech;
        var o = facts.Order;
        var a = facts.Assessment;
        var id = facts.OrderId;
        var within = s.Duration(a.RefundWithin);
        switch (o.Status)
        {
            case OrderStatuses.PendingPayment:
                turn.Say(s.T(
                    $"Order {id} hasn't been paid yet, so you can cancel it with \"Cancel order\" in your order list; it's also cancelled automatically if it isn't paid within {s.Duration(_options.UnpaidOrderCancelAfter)}.",
                    $"订单 {id} 还没有付款，在订单列表里点“取消订单”就可以；{s.Duration(_options.UnpaidOrderCancelAfter)}内不付款也会自动取消。"));
                break;
            case OrderStatuses.Paid:
                turn.Say(s.T(
                    $"Order {id} hasn't shipped yet, so it can still be cancelled: tap \"Request refund\" on the order and the money goes back to your original payment method within {within}.",
                    $"订单 {id} 还没有发货，可以取消：在订单页点“申请退款”，{within}内原路退回。"));
                break;
            case OrderStatuses.Shipped:
                turn.Say(s.T(
                    $"Order {id} has already shipped{CarrierEn(o)}, so it can't be cancelled directly any more. You can refuse the delivery, and we refund you once the parcel is back with us, or return it without a reason after it arrives. We can also ask the courier to stop the parcel, but that isn't guaranteed.",
                    $"订单 {id} 已经发货了{CarrierZh(o)}，没办法直接取消了。可以在快递送达时拒收，包裹退回仓库后给您退款；也可以签收后走无理由退货。我们也可以尝试联系快递拦截，但不能保证成功。"));
                OfferPerson(turn);
                break;
            case OrderStatuses.Delivered:
                turn.Say(s.Join(
                    s.T($"Order {id} has already been delivered, so it can't be cancelled.", $"订单 {id} 已经签收，没办法取消了。"),
                    a.NoReasonReturnEligible && a.NoReasonReturnEndsAt is { } ends
                        ? s.T($"You can still return it without a reason until {s.Date(ends)}: choose After-sales > Return on the order.",
                            $"{s.Date(ends)} 前还可以无理由退货：在订单的“申请售后”里选择退货就可以。")
                        : a.QualityReturnEligible && a.QualityReturnEndsAt is { } qualityEnds
                            ? s.T($"Its no-reason return window has ended, but a quality problem can still be returned free until {s.Date(qualityEnds)}.",
                                $"无理由退货期已经过了，如果有质量问题，{s.Date(qualityEnds)} 前仍可以免费退换。")
                            : s.T("Its return windows have ended too; if the item is faulty, a colleague can check whether it can be repaired under warranty.",
                                "退换期限也已经过了；如果商品有故障，可以让人工客服帮您确认能否保修。")));
                break;
            case OrderStatuses.Cancelled:
                turn.Say(s.T($"Order {id} is already cancelled; any payment goes back to your original payment method within {within}.",
                    $"订单 {id} 已经取消了，已付的款项会在 {within}内原路退回。"));
                break;
        }

        turn.Facts.Add($"status {o.Status}");
    }

    public void ChangeAddress(OrderFacts facts, TurnBuilder turn)
    {
        var s = turn.Speech;
        var o = facts.Order;
        var id = facts.OrderId;
        switch (o.Status)
        {
            case OrderStatuses.PendingPayment or OrderStatuses.Paid:
                turn.Say(s.T(
                    $"Order {id} hasn't shipped yet, so the address can still be changed: open the order and tap \"Change address\" to edit the recipient, phone and address.",
                    $"订单 {id} 还没有发货，地址还可以改：打开订单点“修改地址”，就能修改收货人、电话和地址。"));
                break;
            case OrderStatuses.Shipped:
                turn.Say(s.T(
                    $"Order {id} has already shipped{CarrierEn(o)}, so the address can no longer be changed in the system. We can ask the courier to redirect it, but that isn't guaranteed and the courier may charge a fee; you can also refuse the delivery and order again.",
                    $"订单 {id} 已经发货了{CarrierZh(o)}，系统里没办法再改地址。我们可以联系快递尝试改派，但不能保证成功，改派费用以快递公司为准；也可以拒收后重新下单。"));
                OfferPerson(turn);
                break;
            case OrderStatuses.Delivered:
                turn.Say(s.T($"Order {id} has already been delivered, so its address can't be changed any more.", $"订单 {id} 已经签收了，地址没办法再修改了。"));
                break;
            case OrderStatuses.Cancelled:
                turn.Say(s.T($"Order {id} was cancelled, so there's no address to change.", $"订单 {id} 已经取消，不需要修改地址了。"));
                break;
        }

        turn.Facts.Add($"status {o.Status}");
    }

    /// <summary>"Talk to a person" as a quick reply, when the bot has reached the end of what it can do.</summary>
    public static void OfferPerson(TurnBuilder turn)
    {
        var s = turn.Speech;
        turn.OfferPerson(BotReplies.QuickReplies(s.T("A colleague can help with this:", "需要的话可以找人工客服帮您处理："), [IntentPrompts.For(BotIntents.HumanAgent, s)]));
    }

    // ------------------------------------------------------------------ pieces

    private static AfterSalesCase? RefundCase(OrderFacts facts) =>
        facts.View.Cases
            .Where(c => c.Type is CaseTypes.Refund or CaseTypes.Return)
            .OrderByDescending(c => !CaseStates.IsFinal(c.State) || c.State == CaseStates.Rejected)
            .ThenByDescending(c => c.UpdatedAt)
            .FirstOrDefault(c => c.State != CaseStates.Cancelled);

    private static string? OpenCaseSentence(OrderFacts facts, Speech s, params string[] types)
    {
        var open = facts.View.Cases.LastOrDefault(c => types.Contains(c.Type) && !CaseStates.IsFinal(c.State));
        return open is null
            ? null
            : s.T($"You already have a {CaseWords.Type(open.Type, s)} request for this order (case {open.CaseId}), currently {CaseWords.State(open.State, s)}.",
                $"这个订单已经有一个{CaseWords.Type(open.Type, s)}申请（售后单 {open.CaseId}），当前状态：{CaseWords.State(open.State, s)}。");
    }

    private string? CompensationSentence(OrderAssessment assessment, Speech s) =>
        assessment.Compensation is { } c && c.Amount > 0
            ? _options.CompensationWording.For(s.Language).Replace("{amount}", s.Money(c.Amount, c.Currency), StringComparison.Ordinal)
            : null;

    private string LastEventSentence(OrderFacts facts, LogisticsEvent last, Speech s)
    {
        var description = _desk.SafeDescription(facts, last).Trim().TrimEnd('.', '。');
        var location = string.IsNullOrWhiteSpace(last.Location) ? string.Empty : s.T($" ({last.Location.Trim()})", $"（{last.Location.Trim()}）");
        return s.T($"Latest update, {s.Date(last.At)}: {description}{location}.", $"最新物流（{s.Date(last.At)}）：{description}{location}。");
    }

    private static string CarrierEn(OrderDocument o) =>
        o.Carrier is null ? string.Empty : o.TrackingNo is null ? $" with {o.Carrier}" : $" with {o.Carrier} (tracking number {o.TrackingNo})";

    private static string CarrierZh(OrderDocument o) =>
        o.Carrier is null ? string.Empty : o.TrackingNo is null ? $"，快递：{o.Carrier}" : $"，快递：{o.Carrier}，单号 {o.TrackingNo}";

    private SalePeriod? SaleDuring(DateTimeOffset at)
    {
        if (!_options.ExplainSaleDelays) return null;
        var local = at.ToOffset(_options.DisplayUtcOffset).DateTime;
        foreach (var (period, from, to) in _sales)
        {
            if (MonthDay.IsWithin(local, from, to)) return period;
        }

        return null;
    }

    private static string SaleSentence(SalePeriod sale, Speech s) =>
        s.T($"Orders placed during {sale.Name.En} are several times the usual, so the warehouse is working extra shifts and shipping takes longer than normal.",
            $"{sale.Name.Zh}期间订单量是平时的好几倍，仓库正在加班加点打包，发货会比平时慢一些，还请您谅解。");

    private static MonthDay Parse(string text) =>
        MonthDay.TryParse(text, out var value) ? value : throw new ArgumentException($"'{text}' is not a month and day (MM-dd).", nameof(text));
}
