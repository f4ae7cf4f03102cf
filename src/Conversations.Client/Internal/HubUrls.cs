namespace Conversations.Client.Internal;

/// <summary>Builds the negotiate and WebSocket addresses of a hub.</summary>
internal static class HubUrls
{
    public static Uri ForNegotiate(Uri hubUrl)
    {
        var builder = new UriBuilder(hubUrl)
        {
            Scheme = hubUrl.Scheme switch
            {
                "ws" => Uri.UriSchemeHttp,
                "wss" => Uri.UriSchemeHttps,
                _ => hubUrl.Scheme,
            },
        };
        builder.Path = builder.Path.TrimEnd('/') + "/negotiate";
        builder.Query = AppendQuery(builder.Query, "negotiateVersion=1");
        return builder.Uri;
    }

    public static Uri ForWebSocket(Uri hubUrl, string? connectionToken, string? accessToken)
    {
        var builder = new UriBuilder(hubUrl)
        {
            Scheme = hubUrl.Scheme switch
            {
                "http" => "ws",
                "https" => "wss",
                _ => hubUrl.Scheme,
            },
        };
        string query = builder.Query;
        if (connectionToken is not null)
        {
            query = AppendQuery(query, "id=" + Uri.EscapeDataString(connectionToken));
        }

        // Browsers cannot set headers on a WebSocket, so servers accept the token here; we do as they do.
        if (!string.IsNullOrEmpty(accessToken))
        {
            query = AppendQuery(query, "access_token=" + Uri.EscapeDataString(accessToken));
        }

        builder.Query = query;
        return builder.Uri;
    }

    /// <summary>The address without its query, which may hold an access token, for messages and logs.</summary>
    public static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);

    public static bool IsSupportedScheme(Uri url) =>
        url.Scheme is "http" or "https" or "ws" or "wss";

    private static string AppendQuery(string query, string parameter)
    {
        string existing = query.TrimStart('?');
        return existing.Length == 0 ? parameter : existing + "&" + parameter;
    }
}
