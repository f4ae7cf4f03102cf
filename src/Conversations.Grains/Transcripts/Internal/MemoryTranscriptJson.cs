using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conversations.Grains.Transcripts.Internal;

/// <summary>The memory store's encoding of one stored event (generated at build time, no reflection).</summary>
[JsonSerializable(typeof(TranscriptAppend))]
internal sealed partial class MemoryTranscriptJson : JsonSerializerContext
{
    public static void Encode(IBufferWriter<byte> output, TranscriptAppend append)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, append, Default.TranscriptAppend);
    }

    public static TranscriptAppend Decode(ReadOnlySpan<byte> encoded) =>
        JsonSerializer.Deserialize(encoded, Default.TranscriptAppend) ?? throw new InvalidOperationException("A stored transcript event decoded to null.");
}
