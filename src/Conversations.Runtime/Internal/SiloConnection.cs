using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Conversations.Runtime.Cluster;

namespace Conversations.Runtime.Internal;

/// <summary>
/// One TCP connection to another silo, used in both directions. Frames queue in a channel and a
/// single writer copies whatever is queued into one buffer per write, so a burst of small calls costs
/// one system call, not one each.
/// </summary>
internal sealed class SiloConnection
{
    private const int BatchBytes = 64 * 1024;
    private const int MaxFrameBytes = 64 * 1024 * 1024;

    private readonly TcpMessageTransport _owner;
    private readonly Channel<(byte[] Frame, bool Counted)> _queue =
        Channel.CreateUnbounded<(byte[] Frame, bool Counted)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Socket _socket;
    private Task _writing = Task.CompletedTask;
    private int _queuedRequests;
    private int _closed;

    private SiloConnection(TcpMessageTransport owner, Socket socket, SiloAddress? peer)
    {
        _owner = owner;
        _socket = socket;
        Peer = peer;
    }

    /// <summary>The silo at the other end (known once its hello arrived, for accepted connections).</summary>
    public SiloAddress? Peer { get; set; }

    public int QueuedRequests => Volatile.Read(ref _queuedRequests);

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    public static SiloConnection Connect(TcpMessageTransport owner, SiloAddress peer, byte[] hello)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new SiloConnection(owner, socket, peer);
        connection._queue.Writer.TryWrite((hello, false));
        _ = connection.ConnectAndRunAsync();
        return connection;
    }

    public static SiloConnection Accept(TcpMessageTransport owner, Socket socket)
    {
        socket.NoDelay = true;
        var connection = new SiloConnection(owner, socket, null);
        _ = connection.RunAsync();
        return connection;
    }

    /// <summary>Queues a frame; requests count against the send-queue bound, answers and probes do not.</summary>
    public bool TryEnqueue(byte[] frame, bool isRequest)
    {
        if (isRequest) Interlocked.Increment(ref _queuedRequests);
        if (_queue.Writer.TryWrite((frame, isRequest))) return true;
        if (isRequest) Interlocked.Decrement(ref _queuedRequests);
        return false;
    }

    private async Task ConnectAndRunAsync()
    {
        try
        {
            var peer = Peer!.Value;
            await _socket.ConnectAsync(peer.Host, peer.Port);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            Close(exception);
            return;
        }

        await RunAsync();
    }

    private async Task RunAsync()
    {
        var writing = _writing = WriteLoopAsync();
        var reading = ReadLoopAsync();
        await Task.WhenAny(writing, reading);
        Close(null);
        await Task.WhenAll(writing, reading);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new byte[BatchBytes];
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                var used = 0;
                while (reader.TryPeek(out var next) && (used == 0 || used + next.Frame.Length <= BatchBytes))
                {
                    reader.TryRead(out next);
                    if (next.Counted) Interlocked.Decrement(ref _queuedRequests);
                    if (next.Frame.Length > BatchBytes)
                    {
                        await _socket.SendAsync(next.Frame, SocketFlags.None);
                        break;
                    }

                    next.Frame.CopyTo(batch, used);
                    used += next.Frame.Length;
                }

                var sent = 0;
                while (sent < used) sent += await _socket.SendAsync(batch.AsMemory(sent, used - sent), SocketFlags.None);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException)
        {
            // The read loop or Close reports the loss.
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            await using var stream = new BufferedStream(new NetworkStream(_socket, ownsSocket: false), BatchBytes);
            var header = new byte[4];
            while (true)
            {
                await stream.ReadExactlyAsync(header);
                var length = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (length is < 1 or > MaxFrameBytes) throw new IOException($"A frame of {length} bytes is not valid.");
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    await stream.ReadExactlyAsync(buffer.AsMemory(0, length));
                    _owner.OnFrame(this, buffer.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or IOException or EndOfStreamException)
        {
            // The connection is gone; RunAsync closes it.
        }
    }

    /// <summary>Sends what is queued (answers to the peer's last calls), then closes; used by a silo that leaves gracefully.</summary>
    public async Task FlushAndCloseAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writing.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // The peer stopped reading; close anyway.
        }

        Close(null);
    }

    /// <summary>Closes the socket once and tells the transport, which fails the calls waiting on this connection.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _queue.Writer.TryComplete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
        _owner.OnClosed(this, reason);
    }
}
