using System.Net.Http.Json;
using System.Text.Json;

namespace Conversations.Load.Clients;

/// <summary>Gets bearer tokens from <c>POST /api/dev/tokens</c> and reads <c>/api/stats</c>, as the dev-mode web UI does.</summary>
public sealed class DevTokenClient : IDisposable
{
    private readonly HttpClient _http;

    public DevTokenClient(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Tokens are fetched in bursts while thousands connect; a bounded pool keeps the port count sane.
            MaxConnectionsPerServer = 64,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <exception cref="LoadException">The server answered with an error; the code is <c>HTTP_404</c> when dev tokens are off.</exception>
    public async Task<string> GetTokenAsync(string role, string id, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync("api/dev/tokens", new { role, id }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new LoadException($"HTTP_{(int)response.StatusCode}", $"POST /api/dev/tokens for {role} {id} answered {(int)response.StatusCode}.");
        }

        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return body.RootElement.TryGetProperty("token", out JsonElement token) && token.ValueKind == JsonValueKind.String
            ? token.GetString()!
            : throw new LoadException("E_BAD_RESPONSE", "POST /api/dev/tokens answered without a token.");
    }

    /// <summary>GET with a bearer token; null when the server answers with an error or not at all.</summary>
    public async Task<JsonDocument?> GetJsonAsync(string path, string? token, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                ? JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken))
                : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>GET of a text body (Prometheus <c>/metrics</c>); null on failure.</summary>
    public async Task<string?> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(path, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}
