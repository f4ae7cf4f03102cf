namespace Conversations.Load.Reporting;

/// <summary>
/// Server memory (resident, read from <c>/proc</c> when the server runs here) before and after customers connected,
/// the tool's own working set, and the tool's own garbage-collection pauses during the load phase (the longest of its
/// workers): every latency the tool measures includes the pauses of the process measuring it.
/// </summary>
public sealed record ReportMemory(long? ServerResidentBytesBefore, long? ServerResidentBytesConnected, long? ServerBytesPerCustomer, long ClientWorkingSetBytes, double ClientGcPauseMilliseconds);
