using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>Deserializes the first argument of a server-to-client invocation and hands it over.</summary>
internal sealed class TypedInvocationHandler<T> : InvocationHandler
{
    private readonly Action<T> _callback;

    public TypedInvocationHandler(HandlerRegistry registry, string method, Action<T> callback)
        : base(registry, method)
    {
        _callback = callback;
    }

    public override void Invoke(ReadOnlySpan<byte> arguments, JsonSerializerOptions serializerOptions)
    {
        T value = default!;
        var reader = new Utf8JsonReader(arguments);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartArray
            && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            value = JsonSerializer.Deserialize<T>(ref reader, serializerOptions)!;
        }

        _callback(value);
    }
}
