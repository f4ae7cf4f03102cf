namespace Conversations.Runtime;

/// <summary>A call went to an observer reference whose object is no longer registered (deleted, or its process is gone).</summary>
public sealed class ObserverNotFoundException : Exception
{
    public ObserverNotFoundException()
    {
    }

    public ObserverNotFoundException(string message) : base(message)
    {
    }

    public ObserverNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal ObserverNotFoundException(GrainId id) : base($"Observer {id} is not registered.")
    {
        ObserverId = id;
    }

    public GrainId ObserverId { get; }
}
