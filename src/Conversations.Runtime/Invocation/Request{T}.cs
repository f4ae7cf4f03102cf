namespace Conversations.Runtime.Invocation;

/// <summary>A call of a grain method that returns a value.</summary>
public abstract class Request<TResult> : Request
{
    private TaskCompletionSource<TResult>? _completion;

    protected abstract Task<TResult> InvokeCore(object target);

    internal Task<TResult> CreateCompletion()
    {
        _completion = new TaskCompletionSource<TResult>();
        return _completion.Task;
    }

    internal override Task CreateRemoteCompletion() => CreateCompletion();

    internal override object? ResultOf(Task completion) => ((Task<TResult>)completion).Result;

    internal override bool IsAnswered => _completion is null || _completion.Task.IsCompleted;

    internal override void Run(object target, IRequestOwner? owner)
    {
        Task<TResult> task;
        try
        {
            task = InvokeCore(target);
        }
        catch (Exception exception)
        {
            TryFail(exception);
            owner?.OnRequestCompleted(this, exception);
            return;
        }

        if (task.IsCompleted)
        {
            Finish(task, owner);
            return;
        }

        // Completion is observed where the task completes (inside the grain's last turn of this call),
        // not posted back through the grain's context: that would cost a hop per call.
        var awaiter = task.ConfigureAwait(false).GetAwaiter();
        awaiter.UnsafeOnCompleted(() => Finish(task, owner));
    }

    private void Finish(Task<TResult> task, IRequestOwner? owner)
    {
        Exception? failure = null;
        if (task.IsCompletedSuccessfully)
        {
            _completion?.TrySetResult(task.Result);
        }
        else
        {
            failure = task.Exception?.InnerException ?? new TaskCanceledException(task);
            _completion?.TrySetException(failure);
        }

        owner?.OnRequestCompleted(this, failure);
    }

    internal override bool TryFail(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override bool TryComplete(object? result) => _completion?.TrySetResult((TResult)result!) ?? false;
}
