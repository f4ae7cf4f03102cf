using System.Globalization;

namespace Conversations.Load.Internal;

/// <summary>
/// Finds the process listening on the server's port (Linux <c>/proc</c>) and reads its resident memory, to report
/// memory per connected customer without any help from the server. Null wherever that is not possible.
/// </summary>
internal static class ServerProcessProbe
{
    public static int? FindListeningProcess(int port)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (string line in File.ReadLines(table).Skip(1))
                {
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

                    // local_address is "HEXIP:HEXPORT"; state 0A is LISTEN; field 9 is the socket inode.
                    if (fields.Length > 9 && fields[3] == "0A"
                        && int.Parse(fields[1][(fields[1].IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    {
                        inodes.Add($"socket:[{fields[9]}]");
                    }
                }
            }

            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (string processDirectory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(processDirectory), CultureInfo.InvariantCulture, out int pid) || pid == Environment.ProcessId)
                {
                    continue;
                }

                try
                {
                    foreach (string fd in Directory.EnumerateFiles(Path.Combine(processDirectory, "fd")))
                    {
                        if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                        {
                            return pid;
                        }
                    }
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
                {
                    // Someone else's process, or one that just ended.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return null;
    }

    /// <summary>VmRSS of <paramref name="pid"/> in bytes.</summary>
    public static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    string kb = line["VmRSS:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim();
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return null;
    }
}
