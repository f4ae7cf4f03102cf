namespace Conversations.Runtime.Invocation;

/// <summary>A call of a grain method that returns no value.</summary>
public abstract class VoidRequest : Request
{
    private TaskCompletionSource? _completion;

    protected abstract Task InvokeCore(object target);

    internal Task CreateCompletion()
    {
        _completion = new TaskCompletionSource();
        return _completion.Task;
    }

    internal override Task CreateRemoteCompletion() => CreateCompletion();

    internal override object? ResultOf(Task completion) => null;

    internal override bool IsAnswered => _completion is null || _completion.Task.IsCompleted;

    internal override void Run(object target, IRequestOwner? owner)
    {
        Task task;
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

        var awaiter = task.ConfigureAwait(false).GetAwaiter();
        awaiter.UnsafeOnCompleted(() => Finish(task, owner));
    }

    private void Finish(Task task, IRequestOwner? owner)
    {
        Exception? failure = null;
        if (task.IsCompletedSuccessfully)
        {
            _completion?.TrySetResult();
        }
        else
        {
            failure = task.Exception?.InnerException ?? new TaskCanceledException(task);
            _completion?.TrySetException(failure);
        }

        owner?.OnRequestCompleted(this, failure);
    }

    internal override bool TryFail(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override bool TryComplete(object? result) => _completion?.TrySetResult() ?? false;
}
