namespace Conversations.Grains.Transcripts.Internal;

/// <summary>
/// Append-only byte pages holding the memory store's encoded events. Pages come from the pinned heap and hold no
/// references, so however many events a silo keeps, a garbage collection neither copies nor traces them.
/// </summary>
internal sealed class TranscriptArena
{
    public const int PageSize = 1 << 20;

    private readonly object _lock = new();
    private byte[][] _pages = [];
    private int _current = -1;
    private int _used = PageSize;

    /// <summary>Copies <paramref name="bytes"/> into the arena and says where they are.</summary>
    public EventSlot Add(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            int page, offset;
            if (bytes.Length > PageSize)
            {
                // An event larger than a page gets a page of its own; the current page keeps its free space.
                (page, offset) = (AddPage(bytes.Length), 0);
            }
            else
            {
                if (bytes.Length > PageSize - _used) (_current, _used) = (AddPage(PageSize), 0);
                (page, offset) = (_current, _used);
                _used += bytes.Length;
            }

            bytes.CopyTo(_pages[page].AsSpan(offset));
            return new EventSlot(page, offset, bytes.Length);
        }
    }

    /// <summary>The bytes of an event added earlier (its slot was published after them, under the reader's lock).</summary>
    public ReadOnlySpan<byte> Get(EventSlot slot) => Volatile.Read(ref _pages)[slot.Page].AsSpan(slot.Offset, slot.Length);

    private int AddPage(int size)
    {
        var pages = new byte[_pages.Length + 1][];
        _pages.CopyTo(pages, 0);
        pages[^1] = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        Volatile.Write(ref _pages, pages);
        return pages.Length - 1;
    }
}

/// <summary>Where one encoded event sits in the arena: a value with no references, so session logs cost the GC nothing to trace.</summary>
internal readonly record struct EventSlot(int Page, int Offset, int Length);
