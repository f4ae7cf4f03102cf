using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>Hands over every argument of a server-to-client invocation as a detached <see cref="JsonElement"/>.</summary>
internal sealed class RawInvocationHandler : InvocationHandler
{
    private readonly Action<JsonElement[]> _callback;

    public RawInvocationHandler(HandlerRegistry registry, string method, Action<JsonElement[]> callback)
        : base(registry, method)
    {
        _callback = callback;
    }

    public override void Invoke(ReadOnlySpan<byte> arguments, JsonSerializerOptions serializerOptions)
    {
        // Deserializing copies each element out of the receive buffer, so handlers may keep them.
        JsonElement[] elements = arguments.IsEmpty
            ? []
            : JsonSerializer.Deserialize<JsonElement[]>(arguments, serializerOptions) ?? [];
        _callback(elements);
    }
}
