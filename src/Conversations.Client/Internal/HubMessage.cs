namespace Conversations.Client.Internal;

/// <summary>
/// One received hub message, as views into the receive buffer; valid only while that record is being dispatched.
/// </summary>
internal ref struct HubMessage
{
    /// <summary>The message type, or -1 when absent (the handshake response has none).</summary>
    public int Type;

    public bool HasInvocationId;

    /// <summary>The invocation id as unescaped UTF-8.</summary>
    public ReadOnlySpan<byte> InvocationId;

    /// <summary>The target method name as unescaped UTF-8.</summary>
    public ReadOnlySpan<byte> Target;

    /// <summary>The raw JSON array of arguments, empty when absent.</summary>
    public ReadOnlySpan<byte> Arguments;

    public bool HasResult;

    /// <summary>The raw JSON value of the result.</summary>
    public ReadOnlySpan<byte> Result;

    public string? Error;

    public bool AllowReconnect;
}
