using System.Text.Json;
using Conversations.Abstractions.Sessions;

namespace Conversations.Grains.Sessions.Internal;

/// <summary>Builds the <c>data</c> of events in the protocol's camelCase JSON.</summary>
internal static class EventData
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static JsonElement Of<T>(T value) => JsonSerializer.SerializeToElement(value, s_json);

    public static string StatusName(SessionStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
