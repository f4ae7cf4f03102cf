using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Conversations.Runtime.Internal;

/// <summary>Builds one length-prefixed frame: a 4-byte little-endian length, then the kind and the fields.</summary>
internal sealed class FrameWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public FrameWriter(FrameKind kind)
    {
        _buffer.GetSpan(4);
        _buffer.Advance(4);
        WriteByte((byte)kind);
    }

    public IBufferWriter<byte> Buffer => _buffer;

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteInt32(bytes.Length);
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>Reserves room for a length, to be filled in by <see cref="EndLength"/> once the bytes after it are written.</summary>
    public int BeginLength()
    {
        var at = _buffer.WrittenCount;
        WriteInt32(0);
        return at;
    }

    public void EndLength(int at)
    {
        var length = _buffer.WrittenCount - at - 4;
        var written = _buffer.WrittenSpan;
        BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(written.Slice(at, 4)), 4), length);
    }

    /// <summary>The finished frame, length prefix included.</summary>
    public byte[] ToFrame()
    {
        var bytes = _buffer.WrittenSpan.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length - 4);
        return bytes;
    }
}
