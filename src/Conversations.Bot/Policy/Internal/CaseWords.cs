using Conversations.Abstractions.Orders;

namespace Conversations.Bot.Policy.Internal;

/// <summary>After-sales case types and states in words a customer understands.</summary>
internal static class CaseWords
{
    public static string Type(string type, Speech s) => type switch
    {
        CaseTypes.Return => s.T("return", "退货"),
        CaseTypes.Exchange => s.T("exchange", "换货"),
        CaseTypes.Refund => s.T("refund", "退款"),
        CaseTypes.Repair => s.T("repair", "维修"),
        CaseTypes.Reship => s.T("replacement", "补发"),
        CaseTypes.Dispute => s.T("dispute", "纠纷处理"),
        _ => type.Replace('_', ' '),
    };

    public static string State(string state, Speech s) => state switch
    {
        CaseStates.Requested => s.T("waiting for approval", "待审核"),
        CaseStates.Opened => s.T("opened", "已受理"),
        CaseStates.Approved => s.T("approved, waiting for the item to come back", "已同意，等待寄回"),
        CaseStates.Received => s.T("received by the warehouse", "仓库已收货"),
        CaseStates.Inspecting => s.T("being inspected", "检测中"),
        CaseStates.Repairing => s.T("being repaired", "维修中"),
        CaseStates.Returned => s.T("sent back to you", "已寄回"),
        CaseStates.Reshipped => s.T("sent out", "已发出"),
        CaseStates.Refunded => s.T("refunded", "已退款"),
        CaseStates.Investigating => s.T("being looked into", "处理中"),
        CaseStates.Resolved => s.T("resolved", "已解决"),
        CaseStates.Rejected => s.T("not approved", "未通过"),
        CaseStates.Cancelled => s.T("withdrawn", "已撤销"),
        CaseStates.Closed => s.T("closed", "已完结"),
        _ => state.Replace('_', ' '),
    };

    /// <summary>When the case reached <paramref name="state"/>, from its history.</summary>
    public static DateTimeOffset? ReachedAt(AfterSalesCase c, string state) =>
        c.History.LastOrDefault(t => t.To == state)?.At;
}
