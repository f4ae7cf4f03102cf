using System.Threading.Channels;
using Conversations.Load.Arrival;

namespace Conversations.Load.Clients;

/// <summary>
/// Hands out "send one message now" permits at the arrival curve's times; a ready customer takes one per message.
/// When no customer is ready the permit is dropped and counted, so the offered rate stays honest (open model).
/// </summary>
public sealed class PermitSource
{
    private readonly Channel<bool> _permits;
    private long _unserved;

    /// <param name="buffer">Permits that may wait for a customer before they count as unserved.</param>
    public PermitSource(int buffer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer, 1);
        _permits = Channel.CreateBounded<bool>(new BoundedChannelOptions(buffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    /// <summary>Permits that found no ready customer.</summary>
    public long Unserved => Interlocked.Read(ref _unserved);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _permits.Reader.ReadAsync(cancellationToken);

    /// <summary>Emits permits at the generator's times until <paramref name="durationSeconds"/> or cancellation.</summary>
    public async Task RunAsync(ArrivalGenerator generator, double durationSeconds, Func<double> elapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(elapsed);
        try
        {
            foreach (double at in generator.Times(durationSeconds))
            {
                double wait = at - elapsed();
                if (wait > 0.002)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken);
                }

                if (!_permits.Writer.TryWrite(true))
                {
                    Interlocked.Increment(ref _unserved);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run ended early.
        }
    }
}
