using Conversations.Load;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the run and lets connections close; a second one kills the process.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

return await LoadCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
