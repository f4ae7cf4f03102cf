using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>Reads one JSON hub protocol record in a single pass, without copying values out of the record.</summary>
internal static class HubMessageParser
{
    public static HubMessage Parse(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A hub protocol message must be a JSON object.");
        }

        var message = new HubMessage { Type = -1 };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                message.Type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    message.InvocationId = ReadUtf8String(ref reader);
                    message.HasInvocationId = true;
                }
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                message.Target = ReadUtf8String(ref reader);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                message.Arguments = ReadRawValue(ref reader, record);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                message.Result = ReadRawValue(ref reader, record);
                message.HasResult = true;
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                message.Error = reader.GetString();
            }
            else if (reader.ValueTextEquals("allowReconnect"u8))
            {
                reader.Read();
                message.AllowReconnect = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                // headers, streamIds and whatever later protocol versions add
                reader.Read();
                reader.Skip();
            }
        }

        return message;
    }

    private static ReadOnlySpan<byte> ReadRawValue(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> record)
    {
        reader.Read();
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return record[start..(int)reader.BytesConsumed];
    }

    private static ReadOnlySpan<byte> ReadUtf8String(scoped ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a JSON string but found {reader.TokenType}.");
        }

        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        // Rare: our own ids and method names are never escaped.
        byte[] unescaped = new byte[reader.ValueSpan.Length];
        int length = reader.CopyString(unescaped);
        return unescaped.AsSpan(0, length);
    }
}
