namespace Conversations.Abstractions.Sessions;

/// <summary>Why a conversation went to a person.</summary>
public static class HandoffReasons
{
    public const string CustomerRequest = "customer_request";
    public const string LowConfidence = "low_confidence";
    public const string Anger = "anger";
    public const string Complaint = "complaint";
    public const string VipComplexIssue = "vip_complex_issue";
    public const string Transfer = "transfer";
    public const string SlaEscalation = "sla_escalation";
    public const string AgentLeft = "agent_left";
}
