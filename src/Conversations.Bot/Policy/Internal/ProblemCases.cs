using Conversations.Abstractions;
using Conversations.Abstractions.Orders;
using Conversations.Bot.Privacy;

namespace Conversations.Bot.Policy.Internal;

/// <summary>
/// Damaged, missing and wrong items: the bot opens the after-sales case the policy prescribes (send again
/// first, claim from the carrier later) and says what happens and by when; when the policy refuses, it
/// says why in the customer's language and offers a person.
/// </summary>
internal sealed class ProblemCases
{
    private const int MaxNoteLength = 500;

    private readonly OrderDesk _desk;
    private readonly PiiMasker _masker;

    public ProblemCases(OrderDesk desk, PiiMasker masker)
    {
        _desk = desk;
        _masker = masker;
    }

    /// <summary>The quick replies asking which problem it is, each naming the order so the answer lands on it.</summary>
    public static IReadOnlyList<QuickReplyOption> Choices(string orderId, Speech s) =>
    [
        new(s.T("Arrived damaged", "商品破损"), s.T($"Order {orderId}: the item arrived damaged", $"订单 {orderId}：收到的商品破损了")),
        new(s.T("Item missing", "少发/漏发"), s.T($"Order {orderId}: an item is missing", $"订单 {orderId}：少发了商品")),
        new(s.T("Wrong item", "发错货"), s.T($"Order {orderId}: I received the wrong item", $"订单 {orderId}：发错货了")),
    ];

    /// <summary>Opens (or reports the already open) reship case for <paramref name="reason"/> and explains it.</summary>
    public async Task OpenAsync(OrderFacts facts, string customerId, string reason, string customerText, TurnBuilder turn)
    {
        var s = turn.Speech;
        turn.Apologize(reason switch
        {
            CaseReasons.Missing => s.T("I'm so sorry an item was missing!", "亲，真的非常抱歉少发了商品！"),
            CaseReasons.WrongItem => s.T("I'm really sorry we sent the wrong item!", "亲，真的非常抱歉给您发错了货！"),
            _ => s.T("I'm so sorry your order arrived damaged!", "亲，太抱歉了，让您收到了破损的商品！"),
        }, specific: true);

        if (facts.View.Cases.LastOrDefault(c => c.Type == CaseTypes.Reship && !CaseStates.IsFinal(c.State)) is { } open)
        {
            turn.Say(AlreadyOpen(open, s));
            turn.Facts.Add($"reship case {open.CaseId} already {open.State}");
            return;
        }

        AfterSalesCase opened;
        try
        {
            var note = _masker.Mask(customerText.Trim());
            if (note.Length > MaxNoteLength) note = note[..MaxNoteLength];
            opened = await _desk.Grain(facts.OrderId).OpenCase(customerId, new OpenCaseRequest(CaseTypes.Reship, reason, null, note));
        }
        catch (ConversationException e) when (e.Code == ErrorCodes.Conflict)
        {
            turn.Say(Refusal(facts, e, s));
            turn.Facts.Add($"reship refused: {e.Message}");
            OrderAnswers.OfferPerson(turn);
            return;
        }

        var by = opened.PromisedBy is { } promised ? s.Date(promised) : null;
        turn.Say(reason switch
        {
            CaseReasons.Missing => s.T(
                $"I've opened a reship request for order {facts.OrderId} (case {opened.CaseId}): the missing item will be sent {By(by, s)}, with a small gift to apologise. If you can, send a photo of the shipping label and what you received, so the warehouse can check which item to send.",
                $"小露已经为订单 {facts.OrderId} 提交了补发申请（售后单 {opened.CaseId}）：缺少的商品会{By(by, s)}补发给您，还会附上一份小礼物表示歉意。方便的话，请把快递面单和收到的商品拍照发给小露，方便仓库核对。"),
            CaseReasons.WrongItem => s.T(
                $"I've opened a reship request for order {facts.OrderId} (case {opened.CaseId}): the right item will be sent {By(by, s)}, and a courier will collect the wrong one at our cost. If you'd rather keep it, tell us and we'll compensate you instead.",
                $"小露已经为订单 {facts.OrderId} 提交了补发申请（售后单 {opened.CaseId}）：正确的商品会{By(by, s)}发出，发错的商品我们安排快递上门取回，运费由我们承担。如果您愿意留下这件，告诉我们，我们给您适当补偿。"),
            _ => s.T(
                $"I've opened a replacement request for order {facts.OrderId} (case {opened.CaseId}): a new one will be sent {By(by, s)}, and we'll claim from the courier ourselves, so you don't need to deal with them. Please send photos of the box and the damage so we can file the claim.",
                $"小露已经为订单 {facts.OrderId} 提交了补发申请（售后单 {opened.CaseId}）：新的商品会{By(by, s)}发出，我们先赔后查，由我们去找快递公司理赔，不用您跟快递交涉。麻烦把外包装和破损处拍照发给小露，方便我们理赔。"),
        });
        turn.Facts.Add($"reship case {opened.CaseId} opened ({reason})");
    }

    private static string By(string? date, Speech s) => date is null ? s.T("right away", "尽快") : s.T($"by {date}", $"在 {date} 前");

    private static string AlreadyOpen(AfterSalesCase open, Speech s)
    {
        var by = open.PromisedBy is { } promised ? s.T($", promised by {s.Date(promised)}", $"，承诺 {s.Date(promised)} 前发出") : string.Empty;
        return s.T(
            $"There's already a replacement request for this order (case {open.CaseId}), {CaseWords.State(open.State, s)}{by}.",
            $"这个订单已经有补发申请了（售后单 {open.CaseId}），当前状态：{CaseWords.State(open.State, s)}{by}。");
    }

    /// <summary>
    /// Why the policy said no, in the customer's language. The order grain's reason is English; the usual
    /// reasons are recognised from the order's own state and phrased here, anything else is passed on as it is.
    /// </summary>
    private static string Refusal(OrderFacts facts, ConversationException e, Speech s)
    {
        var o = facts.Order;
        var a = facts.Assessment;
        var id = facts.OrderId;
        var sorry = s.T("Unfortunately I can't arrange a replacement for this order myself:", "不过这个订单小露没办法直接为您安排补发：");
        var reason = o.Status switch
        {
            OrderStatuses.PendingPayment => s.T($"order {id} hasn't been paid yet.", $"订单 {id} 还没有付款。"),
            OrderStatuses.Cancelled => s.T($"order {id} was cancelled.", $"订单 {id} 已经取消了。"),
            OrderStatuses.Paid => s.T($"order {id} hasn't shipped yet, so nothing has gone wrong in delivery. If you no longer want it, you can cancel it for a refund within {s.Duration(a.RefundWithin)}.",
                $"订单 {id} 还没有发货，如果不想要了，可以申请退款，{s.Duration(a.RefundWithin)}内原路退回。"),
            OrderStatuses.Shipped => s.T($"order {id} is still on its way. If the tracking stops updating, we treat the parcel as lost and send another one first.",
                $"订单 {id} 还在运输途中。如果物流长时间不更新，我们会按丢件处理，先给您补发。"),
            OrderStatuses.Delivered when a.QualityReturnEndsAt is { } ended && s.Now > ended =>
                s.T($"missing, wrong or damaged items need to be reported within {Speech.WholeDays(o.DeliveredAt ?? ended, ended)} days of delivery, and for order {id} that ended on {s.Day(ended)}.",
                    $"少发、错发或破损需要在签收后 {Speech.WholeDays(o.DeliveredAt ?? ended, ended)} 天内反馈，订单 {id} 已在 {s.Day(ended)} 到期。"),
            _ => s.T(e.Message.StartsWith(ErrorCodes.Conflict, StringComparison.Ordinal) ? e.Message[(ErrorCodes.Conflict.Length + 1)..].Trim() : e.Message,
                "按照售后规则，这个申请需要人工客服来确认。"),
        };
        return s.Join(sorry, reason);
    }
}
