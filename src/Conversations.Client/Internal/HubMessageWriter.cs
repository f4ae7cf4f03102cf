using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>Writes the hub protocol messages a client sends, each ended by the record separator.</summary>
internal static class HubMessageWriter
{
    public static void WriteInvocation(
        Utf8JsonWriter writer,
        IBufferWriter<byte> output,
        long invocationId,
        string target,
        in InvocationArguments arguments,
        JsonSerializerOptions serializerOptions)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, HubProtocol.InvocationType);
        if (invocationId > 0)
        {
            WriteInvocationId(writer, invocationId);
        }

        writer.WriteString("target"u8, target);
        writer.WriteStartArray("arguments"u8);
        for (int i = 0; i < arguments.Count; i++)
        {
            JsonSerializer.Serialize(writer, arguments[i], serializerOptions);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        EndRecord(writer, output);
    }

    public static void WriteCancelInvocation(Utf8JsonWriter writer, IBufferWriter<byte> output, long invocationId)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, HubProtocol.CancelInvocationType);
        WriteInvocationId(writer, invocationId);
        writer.WriteEndObject();
        EndRecord(writer, output);
    }

    public static void WriteCompletionError(Utf8JsonWriter writer, IBufferWriter<byte> output, string invocationId, string error)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("type"u8, HubProtocol.CompletionType);
        writer.WriteString("invocationId"u8, invocationId);
        writer.WriteString("error"u8, error);
        writer.WriteEndObject();
        EndRecord(writer, output);
    }

    private static void WriteInvocationId(Utf8JsonWriter writer, long invocationId)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(invocationId, digits, out int length);
        writer.WriteString("invocationId"u8, digits[..length]);
    }

    private static void EndRecord(Utf8JsonWriter writer, IBufferWriter<byte> output)
    {
        writer.Flush();
        output.GetSpan(1)[0] = HubProtocol.RecordSeparator;
        output.Advance(1);
    }
}
