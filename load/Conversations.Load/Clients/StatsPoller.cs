using System.Text.Json;
using Conversations.Load.Measurement;

namespace Conversations.Load.Clients;

/// <summary>Reads <c>GET /api/stats</c> (admin token) once a second for the queue and connection charts.</summary>
public sealed class StatsPoller(DevTokenClient tokens, RunMetrics metrics)
{
    private string? _token;

    /// <summary>The last answer, as raw JSON; null when the server never answered.</summary>
    public JsonElement? Last { get; private set; }

    public async Task<bool> InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            _token = await tokens.GetTokenAsync("admin", "load-admin", cancellationToken);
            return await PollOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is LoadException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken)
    {
        using JsonDocument? stats = await tokens.GetJsonAsync("api/stats", _token, cancellationToken);
        if (stats is null || stats.RootElement.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        JsonElement root = stats.RootElement.Clone();
        Last = root;
        Sample(root, "queued", Series.Queued);
        Sample(root, "activeSessions", Series.ActiveSessions);
        Sample(root, "agentsOnline", Series.AgentsOnline);
        return true;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await PollOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }

    public static double? Number(JsonElement? stats, string name) =>
        stats is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : null;

    private void Sample(JsonElement root, string name, Series series)
    {
        if (Number(root, name) is { } value)
        {
            metrics.Sample(series, (long)value);
        }
    }
}
