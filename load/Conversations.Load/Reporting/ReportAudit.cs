namespace Conversations.Load.Reporting;

/// <summary>How the transcripts read back after the run compared with what was sent.</summary>
public sealed record ReportAudit(int SessionsAudited, int SessionsUnreadable, long SeqGaps, long UnackedStored);
