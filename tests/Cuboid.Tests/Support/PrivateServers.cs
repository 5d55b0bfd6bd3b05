using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cuboid.Tests.Support;

/// <summary>
/// What the tests' private servers (PostgreSQL, OpenLDAP…) share: running a program, a free port, and Debian's
/// packages installed when missing and the tests run as root (.ci/run installs them beforehand).
/// </summary>
public static class PrivateServers
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Installs <paramref name="packages"/> with apt-get where that can be done; says what happened.</summary>
    public static string TryInstall(string packages)
    {
        if (!OperatingSystem.IsLinux() || !IsRoot || !File.Exists("/usr/bin/apt-get")) return "(not installing: this is not a Debian machine where the tests run as root)";
        var (code, output) = Exec("/bin/sh", $"-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {packages}\"", TimeSpan.FromMinutes(10));
        return $"apt-get install {packages} exited {code}: {(output.Length > 1500 ? output[^1500..] : output)}";
    }

    public static (int Code, string Output) Exec(string exe, string arguments, TimeSpan timeout, string? input = null)
    {
        var start = new ProcessStartInfo(exe, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }
        return (process.ExitCode, (stdout.Result + stderr.Result).Trim());
    }

    /// <summary>Runs a program that must succeed.</summary>
    public static void Run(string exe, string arguments, string? input = null)
    {
        var (code, output) = Exec(exe, arguments, TimeSpan.FromMinutes(2), input);
        if (code != 0) throw new InvalidOperationException($"{Path.GetFileName(exe)} {arguments} exited {code}: {output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>.</summary>
    public static void WaitForPort(int port, TimeSpan timeout, Func<string> why)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"Nothing listens on port {port} after {timeout.TotalSeconds:N0} s: {why()}");
            }
        }
    }

    /// <summary>Starts a server process and waits until it accepts connections on <paramref name="port"/>; what it wrote on stderr says why not.</summary>
    public static Process Start(ProcessStartInfo start, int port)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var process = Process.Start(start)!;
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        WaitForPort(port, TimeSpan.FromSeconds(30), () => { lock (errors) return errors.ToString(); });
        return process;
    }

    /// <summary>Stops a server process started by <see cref="Start"/>.</summary>
    public static void Stop(Process process)
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(5000);
        process.Dispose();
    }
}
