namespace Conversations.Grains.Transcripts.Internal;

/// <summary>
/// Append-only byte pages holding the memory store's encoded events. Pages come from the pinned heap and hold no
/// references, so however many events a silo keeps, a garbage collection neither copies nor traces them.
/// </summary>
internal sealed class TranscriptArena
{
    public const int PageSize = 1 << 20;

    // Events from every session of the silo land here: adding one reserves its bytes with an interlocked add on the
    // current page, so concurrent appends never wait for each other; only a page change takes the lock.
    private readonly object _lock = new();
    private Page[] _pages = [];
    private Page _current = Page.Full;

    /// <summary>Copies <paramref name="bytes"/> into the arena and says where they are.</summary>
    public EventSlot Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > PageSize / 4) return AddAlone(bytes);
        while (true)
        {
            var page = Volatile.Read(ref _current);
            var end = Interlocked.Add(ref page.Used, bytes.Length);
            if (end <= PageSize)
            {
                var offset = (int)end - bytes.Length;
                bytes.CopyTo(page.Bytes.AsSpan(offset));
                return new EventSlot(page.Index, offset, bytes.Length);
            }

            lock (_lock)
            {
                if (_current == page) _current = AddPage(PageSize);
            }
        }
    }

    /// <summary>The bytes of an event added earlier (its slot was published after them, under the reader's lock).</summary>
    public ReadOnlySpan<byte> Get(EventSlot slot) => Volatile.Read(ref _pages)[slot.Page].Bytes.AsSpan(slot.Offset, slot.Length);

    // A large event gets a page of its own; the current page keeps its free space.
    private EventSlot AddAlone(ReadOnlySpan<byte> bytes)
    {
        Page page;
        lock (_lock)
        {
            page = AddPage(bytes.Length);
        }

        bytes.CopyTo(page.Bytes);
        return new EventSlot(page.Index, 0, bytes.Length);
    }

    private Page AddPage(int size)
    {
        var page = new Page(_pages.Length, GC.AllocateUninitializedArray<byte>(size, pinned: true));
        var pages = new Page[_pages.Length + 1];
        _pages.CopyTo(pages, 0);
        pages[^1] = page;
        Volatile.Write(ref _pages, pages);
        return page;
    }

    private sealed class Page(int index, byte[] bytes)
    {
        /// <summary>A page with no room, so that the first event opens a real one.</summary>
        public static readonly Page Full = new(-1, []) { Used = PageSize };

        public readonly int Index = index;
        public readonly byte[] Bytes = bytes;

        /// <summary>Bytes reserved so far; past <see cref="PageSize"/> once full (every adder that found no room added to it).</summary>
        public long Used;
    }
}

/// <summary>Where one encoded event sits in the arena: a value with no references, so session logs cost the GC nothing to trace.</summary>
internal readonly record struct EventSlot(int Page, int Offset, int Length);
