using System.Buffers;

namespace Conversations.Client.Internal;

/// <summary>
/// Accumulates received bytes in a pooled array and cuts them into records ended by the 0x1E separator.
/// Records may arrive split over several WebSocket frames or several to a frame.
/// </summary>
internal sealed class RecordBuffer : IDisposable
{
    private const int InitialSize = 4096;

    private readonly int _maximumRecordSize;
    private byte[] _buffer = [];
    private int _start;
    private int _end;
    private int _scanned;

    public RecordBuffer(int maximumRecordSize)
    {
        _maximumRecordSize = maximumRecordSize;
    }

    /// <summary>Free space to receive into; grows (up to the maximum record size) or compacts when full.</summary>
    public Memory<byte> GetReceiveMemory()
    {
        if (_buffer.Length == 0)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Compact();
            }
            else
            {
                Grow();
            }
        }

        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>Returns the next complete record (without its separator); valid until the next call on this buffer.</summary>
    public bool TryReadRecord(out ReadOnlySpan<byte> record)
    {
        int index = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf(HubProtocol.RecordSeparator);
        if (index < 0)
        {
            _scanned = _end;
            record = default;
            return false;
        }

        int separator = _scanned + index;
        record = _buffer.AsSpan(_start, separator - _start);
        _start = separator + 1;
        _scanned = _start;
        return true;
    }

    /// <summary>When everything was consumed, starts over at the front and drops an oversized array.</summary>
    public void Trim()
    {
        if (_start != _end)
        {
            return;
        }

        _start = _end = _scanned = 0;
        if (_buffer.Length > InitialSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _start = _end = _scanned = 0;
    }

    private void Compact()
    {
        int length = _end - _start;
        _buffer.AsSpan(_start, length).CopyTo(_buffer);
        _scanned -= _start;
        _end = length;
        _start = 0;
    }

    private void Grow()
    {
        if (_buffer.Length >= _maximumRecordSize)
        {
            throw new InvalidDataException(
                $"The server sent a message larger than the maximum of {_maximumRecordSize} bytes.");
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maximumRecordSize));
        _buffer.AsSpan(0, _end).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
