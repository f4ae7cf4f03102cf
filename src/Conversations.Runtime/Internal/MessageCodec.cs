using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Conversations.Runtime.Invocation;

namespace Conversations.Runtime.Internal;

/// <summary>
/// Turns requests, results and exceptions into frames and back. Arguments and results travel as JSON
/// (with the runtime's converters, so grain and observer references travel as ids) inside the binary
/// frame: readers ignore fields they do not know, so records may gain fields between versions.
/// </summary>
internal sealed class MessageCodec
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> ExceptionFactories = new(StringComparer.Ordinal);

    // Non-ASCII text (Chinese chat) travels as UTF-8, not \u escapes: frames stay small and raw JSON stays as written.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The most view waits a frame can carry.</summary>
    public const int MaxViewWaits = 63;

    private readonly JsonSerializerOptions _json;

    public MessageCodec(JsonSerializerOptions json)
    {
        _json = json;
    }

    public byte[] EncodeRequest(long correlationId, Request request, TimeSpan remaining)
    {
        var method = request.Method;
        var frame = new FrameWriter(FrameKind.Request);
        frame.WriteInt64(correlationId);
        // One byte for the route so far: hops in the low two bits, waits for the silos' views to agree in the other six.
        frame.WriteByte((byte)((request.Hops + 1) | (Math.Min(request.ViewWaits, MaxViewWaits) << 2)));
        frame.WriteInt32((int)Math.Clamp(remaining.TotalMilliseconds, 1, int.MaxValue));
        frame.WriteString(request.Target.Type);
        frame.WriteString(request.Target.Key);
        frame.WriteString(method.InterfaceName);
        frame.WriteInt32(method.MethodId);
        var at = frame.BeginLength();
        using (var writer = new Utf8JsonWriter(frame.Buffer, WriterOptions))
        {
            var arguments = request.GetArguments();
            writer.WriteStartArray();
            for (var i = 0; i < arguments.Length; i++) JsonSerializer.Serialize(writer, arguments[i], method.ParameterTypes[i], _json);
            writer.WriteEndArray();
        }

        frame.EndLength(at);
        return frame.ToFrame();
    }

    /// <summary>Rebuilds a request that arrived from another silo; throws when this process does not know the method.</summary>
    public Request DecodeRequest(ReadOnlySpan<byte> payload, out long correlationId, out TimeSpan remaining)
    {
        var reader = new FrameReader(payload);
        correlationId = reader.ReadInt64();
        var route = reader.ReadByte();
        remaining = TimeSpan.FromMilliseconds(reader.ReadInt32());
        var target = new GrainId(reader.ReadString(), reader.ReadString());
        var interfaceName = reader.ReadString();
        var methodId = reader.ReadInt32();
        if (!GrainInterfaceCatalog.Shared.TryGetMethod(interfaceName, methodId, out var descriptor, out var factory))
        {
            throw new InvalidOperationException($"Method {methodId} of '{interfaceName}' is not known to this silo (is its interface assembly loaded?).");
        }

        var json = new Utf8JsonReader(reader.ReadBytes());
        json.Read();
        var arguments = new object?[descriptor.ParameterTypes.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            json.Read();
            arguments[i] = JsonSerializer.Deserialize(ref json, descriptor.ParameterTypes[i], _json);
        }

        var request = factory(arguments);
        request.Target = target;
        request.Hops = route & 3;
        request.ViewWaits = route >> 2;
        return request;
    }

    public byte[] EncodeResult(long correlationId, Request request, object? result)
    {
        var frame = new FrameWriter(FrameKind.Response);
        frame.WriteInt64(correlationId);
        frame.WriteByte(0);
        var at = frame.BeginLength();
        if (request.Method.ResultType is { } type)
        {
            using var writer = new Utf8JsonWriter(frame.Buffer, WriterOptions);
            JsonSerializer.Serialize(writer, result, type, _json);
        }

        frame.EndLength(at);
        return frame.ToFrame();
    }

    public static byte[] EncodeFailure(long correlationId, Exception exception)
    {
        var frame = new FrameWriter(FrameKind.Response);
        frame.WriteInt64(correlationId);
        frame.WriteByte(1);
        var type = exception.GetType();
        frame.WriteString(exception is GrainException { OriginalType: { } original } ? original : type.FullName ?? type.Name);
        frame.WriteString(type.Assembly.GetName().Name ?? string.Empty);
        frame.WriteString(exception.Message);
        frame.WriteString(exception is GrainException { OriginalStackTrace: { } stack } ? stack : exception.StackTrace ?? string.Empty);
        return frame.ToFrame();
    }

    public static long PeekCorrelationId(ReadOnlySpan<byte> payload) => new FrameReader(payload).ReadInt64();

    /// <summary>Answers <paramref name="request"/> (the caller's original) from a response frame.</summary>
    public void CompleteFromResponse(Request request, ReadOnlySpan<byte> payload)
    {
        var reader = new FrameReader(payload);
        reader.ReadInt64();
        if (reader.ReadByte() == 0)
        {
            var bytes = reader.ReadBytes();
            object? result = null;
            if (request.Method.ResultType is { } type)
            {
                try
                {
                    result = JsonSerializer.Deserialize(bytes, type, _json);
                }
                catch (JsonException exception)
                {
                    request.TryFail(new GrainException($"The result of {request.Method.FullName} could not be read: {exception.Message}", exception));
                    return;
                }
            }

            request.TryComplete(result);
            return;
        }

        var typeName = reader.ReadString();
        var assemblyName = reader.ReadString();
        var message = reader.ReadString();
        var stack = reader.ReadString();
        request.TryFail(RebuildException(typeName, assemblyName, message, stack));
    }

    /// <summary>The same exception type when this process knows it and it takes a message; otherwise a <see cref="GrainException"/> naming it.</summary>
    public static Exception RebuildException(string typeName, string assemblyName, string message, string stack)
    {
        var factory = ExceptionFactories.GetOrAdd(typeName + ", " + assemblyName, static (key, name) => FindFactory(name.Type, name.Assembly), (Type: typeName, Assembly: assemblyName));
        if (factory is not null)
        {
            try
            {
                return factory(message);
            }
            catch (TargetInvocationException)
            {
                // Falls through to the generic wrapper below.
            }
        }

        return new GrainException(typeName, message, stack);
    }

    private static Func<string, Exception>? FindFactory(string typeName, string assemblyName)
    {
        Type? type;
        try
        {
            type = Type.GetType(typeName + ", " + assemblyName, throwOnError: false) ?? Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or BadImageFormatException)
        {
            return null;
        }

        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract) return null;
        var constructor = type.GetConstructor([typeof(string)]);
        if (constructor is null) return null;
        return message => (Exception)constructor.Invoke([message]);
    }
}
