namespace Conversations.Bot.Entities;

/// <summary>
/// An entity found in a message: <see cref="Value"/> is canonical (upper-case ids, digits-only phones,
/// "199 CNY", "11-11", "170cm"); <see cref="Start"/> and <see cref="End"/> (exclusive) are UTF-16 offsets
/// into the original text.
/// </summary>
public sealed record ExtractedEntity(string Type, string Value, int Start, int End);
