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

    private protected override Task Start(object target) => InvokeCore(target);

    private protected override void SetResult(Task completed) => _completion?.TrySetResult();

    internal override bool TryFail(Exception exception) => _completion?.TrySetException(exception) ?? false;

    internal override bool TryComplete(object? result) => _completion?.TrySetResult() ?? false;
}
