namespace Conversations.Runtime.Reminders;

/// <summary>The handle given back when a reminder is registered.</summary>
internal sealed record ReminderHandle(string ReminderName) : IGrainReminder;
