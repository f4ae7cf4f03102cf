namespace Conversations.Runtime.Hosting;

/// <summary>
/// Runs a callback every period of a <see cref="TimeProvider"/> (a fake one in tests) until stopped, one run at a time.
/// The timer is armed before <see cref="Start"/> returns, so a test can advance its clock right after.
/// </summary>
/// <remarks>The callback handles its own failures: one that throws ends the loop, and <see cref="StopAsync"/> rethrows it.</remarks>
public sealed class PeriodicWork : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;

    private PeriodicWork(TimeSpan period, TimeProvider time, Func<CancellationToken, Task> work)
    {
        _running = RunAsync(new PeriodicTimer(period, time), work, _stopping.Token);
    }

    public static PeriodicWork Start(TimeSpan period, TimeProvider time, Func<CancellationToken, Task> work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        return new PeriodicWork(period, time, work);
    }

    /// <summary>Stops the loop and waits for a run in progress to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    private static async Task RunAsync(PeriodicTimer timer, Func<CancellationToken, Task> work, CancellationToken stopping)
    {
        using (timer)
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stopping))
                {
                    await work(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped.
            }
        }
    }
}
