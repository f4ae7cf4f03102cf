namespace Conversations.Runtime.Internal;

/// <summary>The first byte of every silo-to-silo frame.</summary>
internal enum FrameKind : byte
{
    Hello = 1,
    Request = 2,
    Response = 3,
    Ping = 4,
    Pong = 5,
}
