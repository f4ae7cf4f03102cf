using System.Text;
using Conversations.Server.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Hosting;

/// <summary>Says loudly when dev auth is on, and once the server listens prints the three pages and how to get a token.</summary>
public sealed class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<ServerOptions> serverOptions,
    IOptions<AuthOptions> authOptions,
    ILogger<StartupBanner> logger) : IHostedService
{
    private CancellationTokenRegistration _started;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (authOptions.Value.IsDev)
        {
            logger.LogWarning(
                "DEV AUTH IS ON: anyone who can reach POST {Path} can mint a token for any customer, agent or admin. "
                + "Never expose this server; set Conversations:Auth:Mode=jwt with Conversations:Auth:SigningKey for real use.",
                AuthServiceCollectionExtensions.DevTokensPath);
        }

        _started = lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _started.Dispose();
        return Task.CompletedTask;
    }

    private void Print()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? ConversationsServer.DefaultUrl;
        var root = address.TrimEnd('/');
        var text = new StringBuilder()
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Conversations is running: {serverOptions.Value.Storage} storage, {serverOptions.Value.Cluster.Membership} silo, {authOptions.Value.Mode} auth.")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Customer widget:  {root}/")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Agent console:    {root}/agent")
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  Operations view:  {root}/ops");
        if (authOptions.Value.IsDev)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  Get a token:      curl -s -X POST {root}{AuthServiceCollectionExtensions.DevTokensPath} -H 'Content-Type: application/json' -d '{{\"role\":\"customer\",\"id\":\"c-1001\"}}'");
        }
        else
        {
            text.Append("  Tokens:           HS256 JWTs with claims sub and role, signed with Conversations:Auth:SigningKey by the shop's backend.");
        }

        logger.LogInformation("{Banner}", text.ToString());
    }
}
