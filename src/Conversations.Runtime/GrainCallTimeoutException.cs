using Conversations.Runtime.Invocation;

namespace Conversations.Runtime;

/// <summary>A grain call was not answered within its deadline.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException()
    {
    }

    public GrainCallTimeoutException(string message) : base(message)
    {
    }

    public GrainCallTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal GrainCallTimeoutException(MethodDescriptor method, GrainId target, TimeSpan timeout)
        : base($"Call to {method.FullName} on {target} was not answered within {timeout.TotalSeconds:0.###} s.")
    {
    }
}
