namespace Conversations.Grains.Sessions.Internal;

/// <summary>What the session itself says to the customer, in Chinese or English.</summary>
internal static class SessionTexts
{
    public static string NoAgentOnline(string language) => language == "zh"
        ? "抱歉，目前没有人工客服在线。我会继续为您服务，您也可以稍后再转人工。"
        : "Sorry, no agent is online right now. I'll keep helping you here, and you can ask for a person again later.";

    public static string QueueFull(string language) => language == "zh"
        ? "抱歉，人工客服正忙，暂时无法排队。我会继续为您服务，请稍后再试。"
        : "Sorry, our agents are very busy and the queue is full right now. I'll keep helping you; please try again in a few minutes.";

    public static string StillInQueue(string language, int position, int etaSeconds)
    {
        if (position < 1)
        {
            return language == "zh"
                ? "您正在排队等待人工客服。您的消息已保存，客服接入后会看到。"
                : "You're in the queue for an agent. Your messages are saved and the agent will see them.";
        }

        var minutes = Math.Max(1, (int)Math.Ceiling(etaSeconds / 60.0));
        return language == "zh"
            ? $"您正在排队等待人工客服（第 {position} 位，预计约 {minutes} 分钟）。您的消息已保存，客服接入后会看到。"
            : $"You're in the queue for an agent (position {position}, about {minutes} min). Your messages are saved and the agent will see them.";
    }

    public static string BotUnavailable(string language) => language == "zh"
        ? "抱歉，我暂时无法回答。您可以稍后再试，或者输入“转人工”。"
        : "Sorry, I can't answer right now. Please try again, or ask for an agent.";

    public static string Welcome(string language) => language == "zh"
        ? "您好！请问有什么可以帮您？"
        : "Hi! How can I help you today?";

    public static string AgentJoined(string language, string name) => language == "zh"
        ? $"客服 {name} 为您服务。"
        : $"{name} has joined the conversation.";

    public static string AgentLeft(string language, string name) => language == "zh"
        ? $"客服 {name} 已离开会话。"
        : $"{name} has left the conversation.";

    public static string CsatRequest(string language) => language == "zh"
        ? "请为本次服务打分（1–5 分）。"
        : "How did we do? Please rate this conversation from 1 to 5.";

    public static string Closed(string language) => language == "zh"
        ? "会话已结束。"
        : "This conversation has ended.";
}
