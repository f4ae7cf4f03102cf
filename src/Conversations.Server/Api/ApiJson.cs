using System.Text.Json;
using Conversations.Abstractions;
using Conversations.Server.Hosting;

namespace Conversations.Server.Api;

/// <summary>Reads request bodies with the contract's JSON settings; anything unreadable is E_BAD_REQUEST.</summary>
public static class ApiJson
{
    /// <summary>Bodies larger than this are refused before parsing.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is > MaxBodyBytes) throw ConversationException.BadRequest($"the body is larger than {MaxBodyBytes} bytes.");
        if (!request.HasJsonContentType()) throw ConversationException.BadRequest("the body must be JSON (Content-Type: application/json).");
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, ServerJson.Options, request.HttpContext.RequestAborted);
            return value ?? throw ConversationException.BadRequest("the body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ConversationException.BadRequest($"the body is not valid JSON for this endpoint ({e.Path ?? "$"}: {FirstLine(e.Message)}).");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
