namespace Conversations.Runtime.Invocation;

/// <summary>
/// The base of every generated grain reference: the grain's id and the runtime that routes calls. A
/// reference is cheap, immutable to its users, and can be passed inside messages and stored in state.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainReferenceRuntime runtime, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Runtime = runtime;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    public abstract Type InterfaceType { get; }

    internal IGrainReferenceRuntime Runtime { get; }

    /// <summary>Where the last call went, so that the next one skips the directory while it is still valid.</summary>
    internal object? CachedTarget { get; set; }

    protected Task<TResult> InvokeAsync<TResult>(Request<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method.IsOneWay)
        {
            Runtime.Send(this, request);
            return Task.FromResult(default(TResult)!);
        }

        var task = request.CreateCompletion();
        Runtime.Send(this, request);
        return task;
    }

    protected Task InvokeVoidAsync(VoidRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method.IsOneWay)
        {
            Runtime.Send(this, request);
            return Task.CompletedTask;
        }

        var task = request.CreateCompletion();
        Runtime.Send(this, request);
        return task;
    }

    public bool Equals(GrainReference? other) => other is not null && GrainId == other.GrainId;

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => $"{InterfaceType.Name}:{GrainId}";
}
