namespace Conversations.Load.Internal;

/// <summary>The JSON type of a <see cref="LineNode"/>.</summary>
internal enum LineNodeKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}
