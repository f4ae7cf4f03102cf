namespace Conversations.Client.Internal;

/// <summary>Constants of SignalR's JSON hub protocol, version 1.</summary>
internal static class HubProtocol
{
    public const byte RecordSeparator = 0x1E;

    public const int InvocationType = 1;
    public const int CompletionType = 3;
    public const int CancelInvocationType = 5;
    public const int PingType = 6;
    public const int CloseType = 7;

    // Pre-encoded because they never vary and some are sent on timers for every connection.
    public static readonly byte[] HandshakeRequest = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    public static readonly byte[] PingMessage = "{\"type\":6}\u001e"u8.ToArray();
    public static readonly byte[] CloseMessage = "{\"type\":7}\u001e"u8.ToArray();
}
