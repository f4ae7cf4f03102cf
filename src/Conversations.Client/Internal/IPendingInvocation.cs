namespace Conversations.Client.Internal;

/// <summary>An invocation waiting for its completion, whatever its result type.</summary>
internal interface IPendingInvocation
{
    void Complete(ReadOnlySpan<byte> result, bool hasResult, string? error);

    void Fail(Exception exception);
}
