using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Internal;

/// <summary>The rest of a grain method after an await, posted back to its activation.</summary>
internal sealed class ContinuationItem(SendOrPostCallback callback, object? state) : Message
{
    public void Run() => callback(state);
}
