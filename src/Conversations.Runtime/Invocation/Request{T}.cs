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

    private protected override Task Start(object target) => InvokeCore(target);

    private protected override void SetResult(Task completed) => _completion?.TrySetResult(((Task<TResult>)completed).Result);

    internal override bool TryFail(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override bool TryComplete(object? result) => _completion?.TrySetResult((TResult)result!) ?? false;
}
