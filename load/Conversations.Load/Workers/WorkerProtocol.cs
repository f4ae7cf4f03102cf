namespace Conversations.Load.Workers;

/// <summary>The lines a worker process and its parent exchange over stdin and stdout.</summary>
internal static class WorkerProtocol
{
    /// <summary>Worker → parent: everyone is connected.</summary>
    public const string Ready = "WORKER-READY";

    /// <summary>Parent → worker: start the load phase now.</summary>
    public const string Go = "WORKER-GO";

    /// <summary>Worker → parent, once a second: <c>WORKER-PROGRESS connections sent acked errors</c>.</summary>
    public const string Progress = "WORKER-PROGRESS";

    /// <summary>The file each worker writes its <see cref="RunResult"/> to, in its own output directory.</summary>
    public const string ResultFile = "worker-result.json";
}
