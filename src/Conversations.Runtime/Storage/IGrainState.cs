namespace Conversations.Runtime.Storage;

/// <summary>The state record a storage provider reads and writes: the value, its ETag and whether it exists.</summary>
public interface IGrainState<T>
{
    T State { get; set; }

    string? ETag { get; set; }

    bool RecordExists { get; set; }
}
