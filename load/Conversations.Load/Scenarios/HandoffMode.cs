namespace Conversations.Load.Scenarios;

/// <summary>Whether and how a conversation ends up with a person.</summary>
public enum HandoffMode
{
    /// <summary>The bot is expected to contain it.</summary>
    None,

    /// <summary>The customer presses "talk to a person" (<c>RequestAgent</c>) after the bot answered.</summary>
    Request,

    /// <summary>The customer is angry; the engine is expected to hand off on its own, and the customer asks if it does not.</summary>
    Angry,
}
