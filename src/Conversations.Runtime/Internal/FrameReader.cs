using System.Buffers.Binary;
using System.Text;

namespace Conversations.Runtime.Internal;

/// <summary>Reads the fields of one frame in the order <see cref="FrameWriter"/> wrote them.</summary>
internal ref struct FrameReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public FrameReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public byte ReadByte() => _buffer[_position++];

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_buffer[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadInt32();
        var bytes = _buffer.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());
}
