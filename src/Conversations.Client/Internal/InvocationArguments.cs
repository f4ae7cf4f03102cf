namespace Conversations.Client.Internal;

/// <summary>None, one or several invocation arguments, without allocating an array for the common single one.</summary>
internal readonly struct InvocationArguments
{
    private readonly object? _single;
    private readonly object?[]? _several;

    public InvocationArguments(object? single)
    {
        _single = single;
        Count = 1;
    }

    public InvocationArguments(object?[] several)
    {
        _several = several;
        Count = several.Length;
    }

    public static InvocationArguments None => default;

    public int Count { get; }

    public object? this[int index] => _several is null ? _single : _several[index];
}
