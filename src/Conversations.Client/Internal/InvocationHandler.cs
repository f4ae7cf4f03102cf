using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>A handler registered with <c>On</c>; disposing it unregisters it.</summary>
internal abstract class InvocationHandler : IDisposable
{
    private readonly HandlerRegistry _registry;

    protected InvocationHandler(HandlerRegistry registry, string method)
    {
        _registry = registry;
        Method = method;
    }

    public string Method { get; }

    /// <summary>Runs the handler on the receive loop; <paramref name="arguments"/> is the raw JSON arguments array.</summary>
    public abstract void Invoke(ReadOnlySpan<byte> arguments, JsonSerializerOptions serializerOptions);

    public void Dispose() => _registry.Remove(this);
}
