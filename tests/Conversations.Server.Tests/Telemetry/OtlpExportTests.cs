using Conversations.Server.Telemetry;
using Conversations.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Server.Tests.Telemetry;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task Export_WithAnEndpointConfigured_SendsMetricsAndTracesToTheCollector()
    {
        var metrics = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var traces = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collectorBuilder = WebApplication.CreateBuilder();
        collectorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        collectorBuilder.Logging.ClearProviders();
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/v1/metrics", (HttpRequest request) => Received(request, metrics));
        collector.MapPost("/v1/traces", (HttpRequest request) => Received(request, traces));
        await collector.StartAsync();
        var collectorUrl = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var server = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Conversations:Telemetry:OtlpEndpoint"] = collectorUrl,
            ["Conversations:Telemetry:OtlpProtocol"] = "http/protobuf",
        });
        Assert.True(server.Services.GetRequiredService<OtlpExport>().IsExporting);
        await using (var customer = await server.ConnectCustomerAsync("c-otlp"))
        {
            await ServerHost.StartSessionAsync(customer);
        }

        // A graceful stop flushes whatever was not exported yet.
        await server.DisposeAsync();

        Assert.True(await metrics.Task.WaitAsync(TimeSpan.FromSeconds(30)) > 0);
        Assert.True(await traces.Task.WaitAsync(TimeSpan.FromSeconds(30)) > 0);
    }

    [Fact]
    public void Validate_EndpointThatIsNotAnUrl_NamesTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TelemetryOptions { OtlpEndpoint = "collector:4317" }.Validate());
        Assert.Contains("Conversations:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    private static async Task<IResult> Received(HttpRequest request, TaskCompletionSource<long> signal)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        signal.TrySetResult(body.Length);
        return Results.Ok();
    }
}
