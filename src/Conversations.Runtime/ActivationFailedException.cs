namespace Conversations.Runtime;

/// <summary>The grain could not be activated (its constructor, state read or OnActivateAsync threw).</summary>
public sealed class ActivationFailedException : Exception
{
    public ActivationFailedException()
    {
    }

    public ActivationFailedException(string message) : base(message)
    {
    }

    public ActivationFailedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal ActivationFailedException(GrainId grainId, Exception innerException)
        : base($"Activation of {grainId} failed: {innerException.GetType().Name}: {innerException.Message}", innerException)
    {
        GrainId = grainId;
    }

    public GrainId GrainId { get; }
}
