using Microsoft.Extensions.Hosting;

namespace Conversations.Runtime.Hosting;

/// <summary>Runs the silo with the host: started with it, drained when the host stops.</summary>
internal sealed class SiloHostedService(Silo silo) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => silo.StopAsync(cancellationToken);
}
