using System.Net.Http.Headers;
using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>The <c>POST {hub}/negotiate?negotiateVersion=1</c> exchange of SignalR's transport protocol.</summary>
internal static class Negotiator
{
    // The same bound the official clients use against redirect loops.
    private const int MaximumRedirects = 100;

    public static async Task<NegotiationResult> NegotiateAsync(
        Uri hubUrl,
        string? accessToken,
        IReadOnlyDictionary<string, string> headers,
        System.Net.IPAddress? localAddress,
        CancellationToken cancellationToken)
    {
        for (int redirect = 0; redirect <= MaximumRedirects; redirect++)
        {
            Uri negotiateUrl = HubUrls.ForNegotiate(hubUrl);
            using JsonDocument response = await PostAsync(negotiateUrl, accessToken, headers, localAddress, cancellationToken);
            JsonElement root = response.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HubConnectionException($"Negotiation with {HubUrls.Describe(negotiateUrl)} returned something other than a JSON object.");
            }

            if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
            {
                throw new HubConnectionException($"The server refused the negotiation: {error.GetString()}");
            }

            if (root.TryGetProperty("url", out JsonElement redirectUrl) && redirectUrl.ValueKind == JsonValueKind.String)
            {
                hubUrl = new Uri(redirectUrl.GetString()!, UriKind.Absolute);
                if (root.TryGetProperty("accessToken", out JsonElement redirectToken) && redirectToken.ValueKind == JsonValueKind.String)
                {
                    accessToken = redirectToken.GetString();
                }

                continue;
            }

            EnsureWebSocketsOffered(root);
            string? connectionId = GetString(root, "connectionId");
            int version = root.TryGetProperty("negotiateVersion", out JsonElement v) && v.TryGetInt32(out int parsed) ? parsed : 0;
            string? connectionToken = version >= 1 ? GetString(root, "connectionToken") : connectionId;
            if (string.IsNullOrEmpty(connectionToken))
            {
                throw new HubConnectionException("The negotiation response carries no connection token.");
            }

            return new NegotiationResult(hubUrl, accessToken, connectionId, connectionToken);
        }

        throw new HubConnectionException($"Negotiation was redirected more than {MaximumRedirects} times.");
    }

    private static async Task<JsonDocument> PostAsync(
        Uri negotiateUrl,
        string? accessToken,
        IReadOnlyDictionary<string, string> headers,
        System.Net.IPAddress? localAddress,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, negotiateUrl);
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(accessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        try
        {
            using HttpResponseMessage response = await SharedHttp.Client(localAddress).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HubConnectionException(
                    $"Negotiation with {HubUrls.Describe(negotiateUrl)} failed with HTTP {(int)response.StatusCode} ({response.ReasonPhrase}).",
                    response.StatusCode);
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return JsonDocument.Parse(body);
        }
        catch (HttpRequestException ex)
        {
            throw new HubConnectionException($"Negotiation with {HubUrls.Describe(negotiateUrl)} failed: {ex.Message}", ex.StatusCode, ex);
        }
        catch (JsonException ex)
        {
            throw new HubConnectionException($"Negotiation with {HubUrls.Describe(negotiateUrl)} returned invalid JSON.", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubConnectionException($"Negotiation with {HubUrls.Describe(negotiateUrl)} timed out.", null, ex);
        }
    }

    private static void EnsureWebSocketsOffered(JsonElement root)
    {
        if (!root.TryGetProperty("availableTransports", out JsonElement transports) || transports.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement transport in transports.EnumerateArray())
        {
            if (string.Equals(GetString(transport, "transport"), "WebSockets", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        throw new HubConnectionException("The server does not offer the WebSockets transport.");
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out JsonElement value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
