using System.Diagnostics;
using Cti.Media.Audio;

namespace Cti.Media.Tests.Detection;

/// <summary>
/// Runs espeak-ng and sox to make the labelled test audio. A missing tool fails the test (never skips) and names the
/// Debian package; ./build.sh test installs both.
/// </summary>
internal static class AudioTools
{
    public static void Require()
    {
        foreach (var (program, package) in new[] { ("espeak-ng", "espeak-ng"), ("sox", "sox") })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin")
                .Split(Path.PathSeparator)
                .Any(dir => File.Exists(Path.Combine(dir, program)));
            if (!found)
            {
                throw new InvalidOperationException($"'{program}' is not installed: run ./build.sh test or apt-get install -y {package}.");
            }
        }
    }

    public static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} took over a minute.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
    }

    /// <summary>8 kHz 16-bit mono samples of a WAV file written by sox.</summary>
    public static short[] ReadPcm(string path)
    {
        Assert.True(WavReader.TryReadFile(path, out var audio, out var error), $"{path}: {error}");
        Assert.Equal(8000, audio.Format.SampleRate);
        return audio.ToPcm16();
    }

    /// <summary>A temporary folder deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder() => Directory.CreateDirectory(Path);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "cti-detect-" + Guid.NewGuid().ToString("N"));

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
