using System.Text;

namespace Conversations.Client.Internal;

/// <summary>
/// Handlers by method name (case-insensitive, as in the JavaScript client). Copy-on-write: registering is rare,
/// looking up happens for every server-to-client invocation and must not lock or allocate.
/// </summary>
internal sealed class HandlerRegistry
{
    private const int MaximumStackMethodNameLength = 256;

    private readonly Lock _gate = new();
    private Dictionary<string, InvocationHandler[]> _handlers = new(StringComparer.OrdinalIgnoreCase);

    public void Add(InvocationHandler handler)
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, InvocationHandler[]>(_handlers, StringComparer.OrdinalIgnoreCase);
            copy[handler.Method] = copy.TryGetValue(handler.Method, out InvocationHandler[]? existing)
                ? [.. existing, handler]
                : [handler];
            Volatile.Write(ref _handlers, copy);
        }
    }

    public void Remove(InvocationHandler handler)
    {
        lock (_gate)
        {
            if (!_handlers.TryGetValue(handler.Method, out InvocationHandler[]? existing)
                || Array.IndexOf(existing, handler) < 0)
            {
                return;
            }

            var copy = new Dictionary<string, InvocationHandler[]>(_handlers, StringComparer.OrdinalIgnoreCase);
            InvocationHandler[] remaining = Array.FindAll(existing, h => !ReferenceEquals(h, handler));
            if (remaining.Length == 0)
            {
                copy.Remove(handler.Method);
            }
            else
            {
                copy[handler.Method] = remaining;
            }

            Volatile.Write(ref _handlers, copy);
        }
    }

    /// <summary>The handlers for a method named in UTF-8, or null when there are none.</summary>
    public InvocationHandler[]? Find(ReadOnlySpan<byte> utf8Method)
    {
        Dictionary<string, InvocationHandler[]> handlers = Volatile.Read(ref _handlers);
        if (handlers.Count == 0)
        {
            return null;
        }

        if (utf8Method.Length > MaximumStackMethodNameLength)
        {
            return handlers.TryGetValue(Encoding.UTF8.GetString(utf8Method), out InvocationHandler[]? found) ? found : null;
        }

        Span<char> name = stackalloc char[MaximumStackMethodNameLength];
        int length = Encoding.UTF8.GetChars(utf8Method, name);
        return handlers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name[..length], out InvocationHandler[]? handler)
            ? handler
            : null;
    }
}
