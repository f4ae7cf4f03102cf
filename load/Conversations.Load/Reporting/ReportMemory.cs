namespace Conversations.Load.Reporting;

/// <summary>Server memory (resident, read from <c>/proc</c> when the server runs here) before and after customers connected.</summary>
public sealed record ReportMemory(long? ServerResidentBytesBefore, long? ServerResidentBytesConnected, long? ServerBytesPerCustomer, long ClientWorkingSetBytes);
