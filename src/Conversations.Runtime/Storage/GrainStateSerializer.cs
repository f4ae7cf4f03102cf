using System.Buffers;
using System.Text.Json;

namespace Conversations.Runtime.Storage;

/// <summary>
/// Turns grain state into JSON and back, with grain and observer references supported; every storage
/// provider uses it so that memory and PostgreSQL hold the same bytes.
/// </summary>
public sealed class GrainStateSerializer
{
    public GrainStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public JsonSerializerOptions Options { get; }

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="output"/> (a buffer the caller reuses).</summary>
    public void Serialize<T>(IBufferWriter<byte> output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, Options);
    }

    public T Deserialize<T>(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored state for {typeof(T).Name} is null.");
}
