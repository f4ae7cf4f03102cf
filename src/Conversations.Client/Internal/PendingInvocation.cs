using System.Text.Json;

namespace Conversations.Client.Internal;

/// <summary>
/// The task of one invocation; it is its own completion source to spare an allocation per call.
/// Continuations run asynchronously so callers never run on the receive loop.
/// </summary>
internal sealed class PendingInvocation<TResult> : TaskCompletionSource<TResult>, IPendingInvocation
{
    private readonly HubConnection _owner;
    private readonly long _invocationId;
    private readonly bool _discardResult;
    private readonly JsonSerializerOptions _serializerOptions;
    private const int Sending = 0;
    private const int Sent = 1;
    private const int CanceledWhileSending = 2;

    private CancellationTokenRegistration _cancellation;
    private int _progress;

    public PendingInvocation(HubConnection owner, long invocationId, bool discardResult, JsonSerializerOptions serializerOptions)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _owner = owner;
        _invocationId = invocationId;
        _discardResult = discardResult;
        _serializerOptions = serializerOptions;
    }

    /// <summary>Registers before sending, so the completion (which cannot come earlier) always sees the registration.</summary>
    public void WatchCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingInvocation<TResult>)state!).OnCanceled(token), this);
        }
    }

    /// <summary>Called once the invocation is on the wire; a cancellation that came while sending is passed on now.</summary>
    public void MarkSent()
    {
        if (Interlocked.CompareExchange(ref _progress, Sent, Sending) == CanceledWhileSending)
        {
            _owner.SendCancelInvocationInBackground(_invocationId);
        }
    }

    public void Complete(ReadOnlySpan<byte> result, bool hasResult, string? error)
    {
        _cancellation.Unregister();
        if (error is not null)
        {
            TrySetException(new HubInvocationException(error));
            return;
        }

        if (_discardResult || !hasResult)
        {
            TrySetResult(default!);
            return;
        }

        try
        {
            TrySetResult(JsonSerializer.Deserialize<TResult>(result, _serializerOptions)!);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            TrySetException(ex);
        }
    }

    public void Fail(Exception exception)
    {
        _cancellation.Unregister();
        TrySetException(exception);
    }

    /// <summary>Forgets an invocation whose task nobody will await, marking any failure as observed.</summary>
    public void Abandon()
    {
        _cancellation.Unregister();
        if (Task.IsFaulted)
        {
            _ = Task.Exception;
        }
    }

    private void OnCanceled(CancellationToken token)
    {
        if (_owner.TryForgetInvocation(_invocationId, this))
        {
            TrySetCanceled(token);

            // Before it is sent there is nothing to cancel on the server yet; MarkSent catches up if the send goes ahead.
            if (Interlocked.CompareExchange(ref _progress, CanceledWhileSending, Sending) == Sent)
            {
                _owner.SendCancelInvocationInBackground(_invocationId);
            }
        }
    }
}
