using System.Diagnostics;
using Conversations.Runtime.Internal;

namespace Conversations.Runtime.Invocation;

/// <summary>One call of a grain method: its arguments, how to invoke it, and how its caller is answered.</summary>
public abstract class Request : Message
{
    public abstract MethodDescriptor Method { get; }

    public abstract object?[] GetArguments();

    /// <summary>The grain the call is addressed to (set by the runtime when it is sent).</summary>
    public GrainId Target { get; internal set; }

    /// <summary>Timestamp (of the runtime's <see cref="TimeProvider"/>) after which the caller gets a timeout.</summary>
    internal long Deadline { get; set; }

    internal long StartedTimestamp { get; set; }

    /// <summary>The trace span of this call, when someone listens to the runtime's ActivitySource.</summary>
    internal System.Diagnostics.Activity? Activity { get; set; }

    internal override bool Interleaves => Method.IsAlwaysInterleave;

    /// <summary>Invokes the method on <paramref name="target"/> and answers the caller when it completes.</summary>
    internal void Run(object target, IRequestOwner? owner)
    {
        Task task;
        try
        {
            task = Start(target);
        }
        catch (Exception exception)
        {
            owner?.OnRequestCompleted(this, exception);
            TryFail(exception);
            return;
        }

        if (task.IsCompleted) Finish(task, owner);
        else FinishWhenDone(task, owner);
    }

    // Its own method: the closure is allocated on entry to the method that declares the lambda, so calls that
    // complete synchronously do not pay for it.
    private void FinishWhenDone(Task task, IRequestOwner? owner) =>
        // Completion is observed where the task completes (inside the grain's last turn of this call),
        // not posted back through the grain's context: that would cost a hop per call.
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Finish(task, owner));

    private void Finish(Task task, IRequestOwner? owner)
    {
        var failure = task.IsCompletedSuccessfully ? null : task.Exception?.InnerException ?? new TaskCanceledException(task);
        // The activation's bookkeeping first, so a caller holding its answer finds the activation no longer busy with
        // this call (idle collection, deactivation on a stale write): a test that moves a fake clock right after a call
        // returns would otherwise race the grain's thread.
        owner?.OnRequestCompleted(this, failure);
        if (failure is null) SetResult(task);
        else TryFail(failure);
    }

    /// <summary>Calls the grain method (generated per method).</summary>
    private protected abstract Task Start(object target);

    /// <summary>Answers the caller with the result of <paramref name="completed"/>, which finished successfully.</summary>
    private protected abstract void SetResult(Task completed);

    /// <summary>Answers the caller with an exception, if not already answered.</summary>
    internal abstract bool TryFail(Exception exception);

    /// <summary>Completes the caller's task with a result produced elsewhere (a remote silo).</summary>
    internal abstract bool TryComplete(object? result);

    internal abstract bool IsAnswered { get; }

    /// <summary>Silo-to-silo hops this request has made (a request is forwarded at most twice).</summary>
    internal int Hops { get; set; }

    /// <summary>How many times this request waited for silos' views to agree on its owner.</summary>
    internal int ViewWaits { get; set; }

    /// <summary>Starts answering a request rebuilt from a remote silo's message: the returned task completes with the call.</summary>
    internal abstract Task CreateRemoteCompletion();

    /// <summary>The result of a task made by <see cref="CreateRemoteCompletion"/> (null for void methods).</summary>
    internal abstract object? ResultOf(Task completion);
}
