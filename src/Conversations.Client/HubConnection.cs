using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conversations.Client.Internal;

namespace Conversations.Client;

/// <summary>A connection to an ASP.NET Core SignalR hub, speaking the JSON hub protocol over one WebSocket.</summary>
/// <remarks>
/// One receive loop per connection dispatches completions and runs <c>On</c> handlers in arrival order; handlers must
/// be quick and must not block on an invocation of the same connection. Invocation results complete on the thread
/// pool, never on the loop. Sends are serialized, so any number of callers may invoke concurrently. A connection
/// lives once: after it closes, create a new one.
/// </remarks>
public sealed class HubConnection : IAsyncDisposable
{
    private const int Disconnected = (int)HubConnectionState.Disconnected;
    private const int Connecting = (int)HubConnectionState.Connecting;
    private const int Connected = (int)HubConnectionState.Connected;

    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(5);

    private readonly HubConnectionOptions _options;
    private readonly JsonSerializerOptions _serializerOptions;
    private readonly ClientWebSocket _socket = new();
    private readonly RecordBuffer _receiveBuffer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly PooledBufferWriter _sendBuffer = new();
    private readonly Utf8JsonWriter _jsonWriter;
    private readonly ConcurrentDictionary<long, IPendingInvocation> _pending = new();
    private readonly HandlerRegistry _handlers = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _keepAliveMilliseconds;
    private readonly long _serverTimeoutMilliseconds;
    private Timer? _keepAliveTimer;
    private HubConnectionClosedException? _abortReason;
    private HubConnectionClosedException? _closeReason;
    private long _lastInvocationId;
    private long _lastReceivedAt;
    private long _lastSentAt;
    private int _state;
    private int _started;
    private int _disposed;

    /// <summary>Creates a connection that is not started yet, so handlers can be registered before any message arrives.</summary>
    public HubConnection(Uri hubUrl, HubConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        if (!hubUrl.IsAbsoluteUri || !HubUrls.IsSupportedScheme(hubUrl))
        {
            throw new ArgumentException("The hub URL must be an absolute http, https, ws or wss URL.", nameof(hubUrl));
        }

        options ??= new HubConnectionOptions();
        options.Validate();
        HubUrl = hubUrl;
        _options = options;
        _serializerOptions = options.SerializerOptions;
        _keepAliveMilliseconds = ToMilliseconds(options.KeepAliveInterval);
        _serverTimeoutMilliseconds = ToMilliseconds(options.ServerTimeout);
        _receiveBuffer = new RecordBuffer(options.MaximumReceiveMessageSize);

        // Relaxed escaping keeps Chinese text as UTF-8 instead of six bytes of \uXXXX per character.
        _jsonWriter = new Utf8JsonWriter(_sendBuffer, new JsonWriterOptions
        {
            Encoder = _serializerOptions.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = true,
        });
    }

    /// <summary>Raised once when a started connection closes: null when closed cleanly, else a <see cref="HubConnectionClosedException"/> saying why.</summary>
    public event Action<Exception?>? Closed;

    public Uri HubUrl { get; }

    /// <summary>The id negotiation assigned; null before start and when negotiation was skipped.</summary>
    public string? ConnectionId { get; private set; }

    public HubConnectionState State => (HubConnectionState)Volatile.Read(ref _state);

    /// <summary>Completes (never faults) when the connection closes or fails to start, with the same value <see cref="Closed"/> gets.</summary>
    public Task<Exception?> WhenClosed => _closed.Task;

    private bool IsDisposing => Volatile.Read(ref _disposed) != 0;

    /// <summary>Creates and starts a connection.</summary>
    public static async Task<HubConnection> ConnectAsync(
        Uri hubUrl,
        HubConnectionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var connection = new HubConnection(hubUrl, options);
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    /// <summary>Negotiates (unless skipped), opens the WebSocket and completes the handshake; callable once.</summary>
    /// <exception cref="HubConnectionException">Negotiation, the WebSocket upgrade or the handshake failed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A HubConnection starts once; create a new one to connect again.");
        }

        Volatile.Write(ref _state, Connecting);
        try
        {
            string? accessToken = _options.AccessTokenProvider is { } provider
                ? await provider(cancellationToken)
                : _options.AccessToken;
            Uri hubUrl = HubUrl;
            string? connectionToken = null;
            if (!_options.SkipNegotiation)
            {
                NegotiationResult negotiation = await Negotiator.NegotiateAsync(hubUrl, accessToken, _options.Headers, _options.LocalAddress, cancellationToken);
                hubUrl = negotiation.HubUrl;
                accessToken = negotiation.AccessToken;
                connectionToken = negotiation.ConnectionToken;
                ConnectionId = negotiation.ConnectionId;
            }

            await OpenWebSocketAsync(HubUrls.ForWebSocket(hubUrl, connectionToken, accessToken), cancellationToken);
            await HandshakeAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            AbandonStart(ex);
            throw;
        }

        long now = Environment.TickCount64;
        _lastReceivedAt = now;
        _lastSentAt = now;
        if (Interlocked.CompareExchange(ref _state, Connected, Connecting) != Connecting)
        {
            var disposed = new ObjectDisposedException(nameof(HubConnection), "The connection was disposed while it was starting.");
            AbandonStart(disposed);
            throw disposed;
        }

        _keepAliveTimer = StartKeepAliveTimer();
        _ = Task.Run(RunReceiveLoopAsync);
    }

    /// <summary>Invokes a hub method without arguments and returns its result.</summary>
    /// <exception cref="HubInvocationException">The hub method failed; <see cref="HubInvocationException.Code"/> holds the server's code.</exception>
    /// <exception cref="HubConnectionClosedException">The connection closed before the completion arrived.</exception>
    public Task<TResult> InvokeAsync<TResult>(string method, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return InvokeCoreAsync<TResult>(method, InvocationArguments.None, discardResult: false, cancellationToken);
    }

    /// <summary>Invokes a hub method with one argument and returns its result.</summary>
    /// <remarks>A reference-type array binds to the several-arguments overload; cast it to <c>object</c> to send it as one argument.</remarks>
    public Task<TResult> InvokeAsync<TResult>(string method, object? argument, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return InvokeCoreAsync<TResult>(method, new InvocationArguments(argument), discardResult: false, cancellationToken);
    }

    /// <summary>Invokes a hub method with several arguments, in order, and returns its result.</summary>
    public Task<TResult> InvokeAsync<TResult>(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        ValidateArguments(arguments);
        return InvokeCoreAsync<TResult>(method, new InvocationArguments(arguments), discardResult: false, cancellationToken);
    }

    /// <summary>Invokes a hub method without arguments and waits for it to complete, ignoring any result.</summary>
    public Task InvokeAsync(string method, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return InvokeCoreAsync<object?>(method, InvocationArguments.None, discardResult: true, cancellationToken);
    }

    /// <summary>Invokes a hub method with one argument and waits for it to complete, ignoring any result.</summary>
    public Task InvokeAsync(string method, object? argument, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return InvokeCoreAsync<object?>(method, new InvocationArguments(argument), discardResult: true, cancellationToken);
    }

    /// <summary>Invokes a hub method with several arguments and waits for it to complete, ignoring any result.</summary>
    public Task InvokeAsync(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        ValidateArguments(arguments);
        return InvokeCoreAsync<object?>(method, new InvocationArguments(arguments), discardResult: true, cancellationToken);
    }

    /// <summary>Sends a non-blocking invocation (no invocation id, no completion); completes once written to the socket.</summary>
    public Task SendAsync(string method, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return SendCoreAsync(method, InvocationArguments.None, cancellationToken);
    }

    /// <summary>Sends a non-blocking invocation with one argument.</summary>
    public Task SendAsync(string method, object? argument, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        return SendCoreAsync(method, new InvocationArguments(argument), cancellationToken);
    }

    /// <summary>Sends a non-blocking invocation with several arguments.</summary>
    public Task SendAsync(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        ValidateMethod(method);
        ValidateArguments(arguments);
        return SendCoreAsync(method, new InvocationArguments(arguments), cancellationToken);
    }

    /// <summary>Handles server-to-client invocations of <paramref name="method"/> (case-insensitive) by their first argument.</summary>
    /// <returns>Dispose to unregister.</returns>
    public IDisposable On<T>(string method, Action<T> handler)
    {
        ValidateMethod(method);
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new TypedInvocationHandler<T>(_handlers, method, handler);
        _handlers.Add(registration);
        return registration;
    }

    /// <summary>Handles server-to-client invocations of <paramref name="method"/> with all their arguments, which the handler may keep.</summary>
    /// <returns>Dispose to unregister.</returns>
    public IDisposable On(string method, Action<JsonElement[]> handler)
    {
        ValidateMethod(method);
        ArgumentNullException.ThrowIfNull(handler);
        var registration = new RawInvocationHandler(_handlers, method, handler);
        _handlers.Add(registration);
        return registration;
    }

    /// <summary>Sends a Close message, closes the WebSocket and waits (briefly) for the server to close its side.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await _closed.Task;
            return;
        }

        int previous = Interlocked.CompareExchange(ref _state, Disconnected, Connecting);
        if (previous == Connecting)
        {
            // StartAsync notices, cleans up and completes WhenClosed.
            _socket.Abort();
        }
        else if (previous == Connected && Interlocked.CompareExchange(ref _state, Disconnected, Connected) == Connected)
        {
            await SayGoodbyeAsync();
            try
            {
                await _closed.Task.WaitAsync(s_closeTimeout);
            }
            catch (TimeoutException)
            {
                _socket.Abort();
            }
        }
        else if (Volatile.Read(ref _started) == 0)
        {
            _socket.Dispose();
            _closed.TrySetResult(null);
        }

        await _closed.Task;
    }

    internal bool TryForgetInvocation(long invocationId, IPendingInvocation pending) =>
        _pending.TryRemove(new KeyValuePair<long, IPendingInvocation>(invocationId, pending));

    internal void SendCancelInvocationInBackground(long invocationId) => _ = SendCancelInvocationAsync(invocationId);

    private static long ToMilliseconds(TimeSpan interval) =>
        interval == Timeout.InfiniteTimeSpan ? -1 : (long)interval.TotalMilliseconds;

    private static void ValidateMethod(string method) => ArgumentException.ThrowIfNullOrWhiteSpace(method);

    private static void ValidateArguments(object?[] arguments)
    {
        if (arguments is null)
        {
            throw new ArgumentNullException(nameof(arguments), "Pass (object?)null to send a single null argument.");
        }
    }

    private async Task<TResult> InvokeCoreAsync<TResult>(
        string method,
        InvocationArguments arguments,
        bool discardResult,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotConnected();
        long invocationId = Interlocked.Increment(ref _lastInvocationId);
        var pending = new PendingInvocation<TResult>(this, invocationId, discardResult, _serializerOptions);
        _pending[invocationId] = pending;
        try
        {
            // Checked again after adding: a close that drained the table before the add never saw this invocation.
            ThrowIfNotConnected();
            pending.WatchCancellation(cancellationToken);
            await SendInvocationAsync(invocationId, method, arguments, cancellationToken);
            pending.MarkSent();
        }
        catch
        {
            TryForgetInvocation(invocationId, pending);
            pending.Abandon();
            throw;
        }

        return await pending.Task;
    }

    private async Task SendCoreAsync(string method, InvocationArguments arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNotConnected();
        await SendInvocationAsync(invocationId: 0, method, arguments, cancellationToken);
    }

    private async ValueTask SendInvocationAsync(
        long invocationId,
        string method,
        InvocationArguments arguments,
        CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfNotConnected();
            HubMessageWriter.WriteInvocation(_jsonWriter, _sendBuffer, invocationId, method, arguments, _serializerOptions);

            // Not cancellable: cancelling a WebSocket send aborts the whole connection.
            await SendBufferedAsync();
        }
        finally
        {
            _sendBuffer.Reset();
            _sendLock.Release();
        }
    }

    /// <summary>Sends what <see cref="_sendBuffer"/> holds; the caller holds the send lock.</summary>
    private async ValueTask SendBufferedAsync()
    {
        try
        {
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            throw new HubConnectionClosedException($"The message could not be sent, the connection is closed: {ex.Message}", ex);
        }

        Volatile.Write(ref _lastSentAt, Environment.TickCount64);
    }

    private async Task SendCancelInvocationAsync(long invocationId)
    {
        try
        {
            await _sendLock.WaitAsync();
            try
            {
                if (State != HubConnectionState.Connected)
                {
                    return;
                }

                HubMessageWriter.WriteCancelInvocation(_jsonWriter, _sendBuffer, invocationId);
                await SendBufferedAsync();
            }
            finally
            {
                _sendBuffer.Reset();
                _sendLock.Release();
            }
        }
        catch (HubConnectionClosedException)
        {
            // Nothing is left to cancel on a closed connection.
        }
    }

    private async Task SendCompletionErrorAsync(string invocationId, string error)
    {
        try
        {
            await _sendLock.WaitAsync();
            try
            {
                if (State != HubConnectionState.Connected)
                {
                    return;
                }

                HubMessageWriter.WriteCompletionError(_jsonWriter, _sendBuffer, invocationId, error);
                await SendBufferedAsync();
            }
            finally
            {
                _sendBuffer.Reset();
                _sendLock.Release();
            }
        }
        catch (HubConnectionClosedException)
        {
            // The server's invocation ends with the connection anyway.
        }
    }

    private async Task SendPingAsync()
    {
        // When the lock is taken something is being sent, which keeps the connection alive just as well.
        if (!_sendLock.Wait(0))
        {
            return;
        }

        try
        {
            if (State == HubConnectionState.Connected)
            {
                await _socket.SendAsync(HubProtocol.PingMessage, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                Volatile.Write(ref _lastSentAt, Environment.TickCount64);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The receive loop notices the broken transport and closes the connection.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task OpenWebSocketAsync(Uri url, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // the hub protocol's pings do this job
        _socket.Options.CollectHttpResponseDetails = true;
        foreach ((string name, string value) in _options.Headers)
        {
            _socket.Options.SetRequestHeader(name, value);
        }

        try
        {
            await _socket.ConnectAsync(url, SharedHttp.Invoker(_options.LocalAddress), cancellationToken);
        }
        catch (WebSocketException ex)
        {
            HttpStatusCode? status = _socket.HttpStatusCode == 0 ? null : _socket.HttpStatusCode;
            string answer = status is null ? string.Empty : $" (HTTP {(int)status})";
            throw new HubConnectionException($"Could not open a WebSocket to {HubUrls.Describe(url)}{answer}: {ex.Message}", status, ex);
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            await _socket.SendAsync(HubProtocol.HandshakeRequest, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            while (true)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_receiveBuffer.GetReceiveMemory(), timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    throw new HubConnectionException(
                        $"The server closed the WebSocket during the handshake ({_socket.CloseStatus}: {_socket.CloseStatusDescription}).");
                }

                _receiveBuffer.Advance(result.Count);
                if (TryReadHandshakeResponse())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HubConnectionException($"The server did not answer the handshake within {_options.HandshakeTimeout}.", null, ex);
        }
        catch (Exception ex) when (ex is WebSocketException or JsonException or InvalidDataException or InvalidOperationException)
        {
            throw new HubConnectionException($"The handshake with {HubUrls.Describe(HubUrl)} failed: {ex.Message}", null, ex);
        }
    }

    /// <summary>True once the response arrived; throws when the server rejected the handshake.</summary>
    private bool TryReadHandshakeResponse()
    {
        if (!_receiveBuffer.TryReadRecord(out ReadOnlySpan<byte> record))
        {
            return false;
        }

        HubMessage response = HubMessageParser.Parse(record);
        if (response.Error is not null)
        {
            throw new HubConnectionException($"The server rejected the handshake: {response.Error}");
        }

        return true;
    }

    private void AbandonStart(Exception reason)
    {
        Volatile.Write(ref _state, Disconnected);
        _socket.Dispose();
        _receiveBuffer.Dispose();
        _closed.TrySetResult(reason);
    }

    private Timer? StartKeepAliveTimer()
    {
        long shortest = (_keepAliveMilliseconds, _serverTimeoutMilliseconds) switch
        {
            (< 0, < 0) => -1,
            (< 0, var timeout) => timeout,
            (var keepAlive, < 0) => keepAlive,
            (var keepAlive, var timeout) => Math.Min(keepAlive, timeout),
        };
        if (shortest < 0)
        {
            return null;
        }

        // A third of the shortest interval keeps both late by at most a third; 5 s caps the cost for thousands of connections.
        var period = TimeSpan.FromMilliseconds(Math.Clamp(shortest / 3, 10, 5000));
        return new Timer(static state => ((HubConnection)state!).OnTimerTick(), this, period, period);
    }

    private void OnTimerTick()
    {
        if (Volatile.Read(ref _state) != Connected)
        {
            return;
        }

        long now = Environment.TickCount64;
        if (_serverTimeoutMilliseconds >= 0 && now - Volatile.Read(ref _lastReceivedAt) > _serverTimeoutMilliseconds)
        {
            string message = $"The server sent nothing for {_options.ServerTimeout.TotalSeconds:0.###} s; the connection is considered lost.";
            Abort(new HubConnectionClosedException(message, new TimeoutException(message)));
            return;
        }

        if (_keepAliveMilliseconds >= 0 && now - Volatile.Read(ref _lastSentAt) >= _keepAliveMilliseconds)
        {
            _ = SendPingAsync();
        }
    }

    /// <summary>Drops the transport at once; the receive loop then closes the connection with <paramref name="reason"/>.</summary>
    private void Abort(HubConnectionClosedException reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        _socket.Abort();
    }

    private async Task RunReceiveLoopAsync()
    {
        HubConnectionClosedException? error = null;
        try
        {
            bool open = TryProcessRecords(out error);
            while (open)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_receiveBuffer.GetReceiveMemory(), CancellationToken.None);
                Volatile.Write(ref _lastReceivedAt, Environment.TickCount64);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    error = ServerClosedTransport();
                    break;
                }

                _receiveBuffer.Advance(result.Count);
                open = TryProcessRecords(out error);
            }
        }
        catch (Exception ex)
        {
            error = Volatile.Read(ref _abortReason)
                ?? (ex is InvalidDataException
                    ? new HubConnectionClosedException(ex.Message, ex)
                    : IsDisposing ? null : new HubConnectionClosedException($"The connection was lost: {ex.Message}", ex));
        }

        try
        {
            await CloseTransportAsync();
        }
        finally
        {
            Shutdown(error);
        }
    }

    /// <summary>Dispatches the complete records received so far; false when the connection must close.</summary>
    private bool TryProcessRecords(out HubConnectionClosedException? closeError)
    {
        try
        {
            return ProcessRecords(out closeError);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            closeError = new HubConnectionClosedException($"The server sent an invalid hub message: {ex.Message}", ex);
            return false;
        }
    }

    private bool ProcessRecords(out HubConnectionClosedException? closeError)
    {
        closeError = null;
        while (_receiveBuffer.TryReadRecord(out ReadOnlySpan<byte> record))
        {
            HubMessage message = HubMessageParser.Parse(record);
            switch (message.Type)
            {
                case HubProtocol.InvocationType:
                    DispatchInvocation(message);
                    break;
                case HubProtocol.CompletionType:
                    CompleteInvocation(message);
                    break;
                case HubProtocol.CloseType:
                    closeError = message.Error is null
                        ? null
                        : new HubConnectionClosedException($"The server closed the connection: {message.Error}", null, message.AllowReconnect);
                    return false;
                default:
                    // Pings only prove the server is there, which receiving already noted; streams are not used.
                    break;
            }
        }

        _receiveBuffer.Trim();
        return true;
    }

    private void DispatchInvocation(HubMessage message)
    {
        InvocationHandler[]? handlers = _handlers.Find(message.Target);
        if (handlers is not null)
        {
            foreach (InvocationHandler handler in handlers)
            {
                try
                {
                    handler.Invoke(message.Arguments, _serializerOptions);
                }
                catch (Exception ex)
                {
                    ReportHandlerError(handler.Method, ex);
                }
            }
        }

        if (message.HasInvocationId)
        {
            // The server waits for a client result; handlers return none, so say so instead of leaving it waiting.
            string method = Encoding.UTF8.GetString(message.Target);
            _ = SendCompletionErrorAsync(
                Encoding.UTF8.GetString(message.InvocationId),
                $"The client does not return results (method '{method}').");
        }
    }

    private void CompleteInvocation(HubMessage message)
    {
        if (message.HasInvocationId
            && Utf8Parser.TryParse(message.InvocationId, out long invocationId, out int consumed)
            && consumed == message.InvocationId.Length
            && _pending.TryRemove(invocationId, out IPendingInvocation? pending))
        {
            pending.Complete(message.Result, message.HasResult, message.Error);
        }
    }

    private void ReportHandlerError(string method, Exception exception)
    {
        try
        {
            _options.HandlerError?.Invoke(method, exception);
        }
        catch (Exception)
        {
            // A failing error callback must not take the receive loop down with it.
        }
    }

    private HubConnectionClosedException? ServerClosedTransport()
    {
        WebSocketCloseStatus? status = _socket.CloseStatus;
        if (IsDisposing || status is null or WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.Empty)
        {
            return null;
        }

        return new HubConnectionClosedException($"The server closed the WebSocket: {status} {_socket.CloseStatusDescription}".TrimEnd());
    }

    private async Task SayGoodbyeAsync()
    {
        try
        {
            if (!await _sendLock.WaitAsync(s_closeTimeout))
            {
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(s_closeTimeout);
                await _socket.SendAsync(HubProtocol.CloseMessage, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // Already broken: the receive loop ends on its own.
        }
    }

    private async Task CloseTransportAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            if (!await _sendLock.WaitAsync(s_closeTimeout))
            {
                _socket.Abort();
                return;
            }

            try
            {
                using var timeout = new CancellationTokenSource(s_closeTimeout);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // The transport is gone already; there is nobody left to say goodbye to.
        }
    }

    private void Shutdown(HubConnectionClosedException? error)
    {
        _closeReason = error;

        // A full fence, paired with the add-then-check in InvokeCoreAsync, so no invocation is left pending.
        Interlocked.Exchange(ref _state, Disconnected);
        _keepAliveTimer?.Dispose();
        foreach (KeyValuePair<long, IPendingInvocation> entry in _pending)
        {
            if (_pending.TryRemove(entry))
            {
                entry.Value.Fail(new HubConnectionClosedException(
                    error is null
                        ? "The connection closed before the invocation completed."
                        : $"The connection closed before the invocation completed: {error.Message}",
                    error,
                    error?.AllowReconnect ?? false));
            }
        }

        _socket.Dispose();
        _receiveBuffer.Dispose();

        // Subscribers hear it before WhenClosed completes, so code awaiting WhenClosed sees their effects.
        if (Closed is { } closed)
        {
            foreach (Action<Exception?> handler in closed.GetInvocationList().Cast<Action<Exception?>>())
            {
                try
                {
                    handler(error);
                }
                catch (Exception)
                {
                    // One failing subscriber must not keep the others from hearing about the close.
                }
            }
        }

        _closed.TrySetResult(error);
    }

    private void ThrowIfNotConnected()
    {
        int state = Volatile.Read(ref _state);
        if (state == Connected)
        {
            return;
        }

        if (Volatile.Read(ref _started) == 0)
        {
            throw new InvalidOperationException("The connection is not started; call StartAsync first.");
        }

        if (state == Connecting)
        {
            throw new InvalidOperationException("The connection is still starting; await StartAsync first.");
        }

        HubConnectionClosedException? reason = _closeReason;
        throw new HubConnectionClosedException(
            reason is null ? "The hub connection is closed." : $"The hub connection is closed: {reason.Message}",
            reason);
    }
}
