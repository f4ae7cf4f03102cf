namespace Conversations.Runtime.Invocation;

/// <summary>What a grain reference needs from the runtime: somewhere to send its requests.</summary>
public interface IGrainReferenceRuntime
{
    /// <summary>Routes the request to its target; the request answers its caller when done.</summary>
    void Send(GrainReference reference, Request request);

    IGrainFactory GrainFactory { get; }
}
