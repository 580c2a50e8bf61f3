using System.Globalization;

namespace Cti.Media.Tests.Detection;

/// <summary>
/// Builds early-media test clips with sox (tones, chords, silence) and espeak-ng (announcements, speech) at test time:
/// a clip is a list of parts joined end to end, optionally under line noise.
/// </summary>
internal static class EarlyMediaClips
{
    public static string Tone(double seconds, params double[] frequencies) => $"tone:{Invariant(seconds)}:{string.Join(',', frequencies.Select(Invariant))}";

    public static string Silence(double seconds) => $"silence:{Invariant(seconds)}";

    public static string Speech(string voice, string text) => $"speech:{voice}:{text}";

    /// <summary>The three SIT segments: low/high frequency and short (274 ms)/long (380 ms) of the first two.</summary>
    public static string[] Sit(bool firstHigh, bool firstLong, bool secondHigh, bool secondLong, double stretch = 1, double detune = 1) =>
    [
        Tone((firstLong ? 0.380 : 0.274) * stretch, (firstHigh ? 985.2 : 913.8) * detune),
        Tone((secondLong ? 0.380 : 0.274) * stretch, (secondHigh ? 1428.5 : 1370.6) * detune),
        Tone(0.380 * stretch, 1776.7 * detune),
    ];

    public static short[] Make(IEnumerable<string> parts, string noise = "")
    {
        AudioTools.Require();
        using var folder = new AudioTools.TempFolder();
        var files = new List<string>();
        foreach (var part in parts)
        {
            var file = folder.File($"part{files.Count}.wav");
            var fields = part.Split(':', 3);
            switch (fields[0])
            {
                case "tone":
                    var synth = new List<string> { "-R", "-n", "-r", "8000", "-c", "1", "-b", "16", file, "synth", fields[1] };
                    var first = true;
                    foreach (var frequency in fields[2].Split(','))
                    {
                        synth.Add("sine");
                        if (!first)
                        {
                            synth.Add("mix");
                        }

                        synth.Add(frequency);
                        first = false;
                    }

                    synth.AddRange(["vol", "0.15"]);
                    AudioTools.Run("sox", [.. synth]);
                    break;
                case "silence":
                    AudioTools.Run("sox", "-R", "-n", "-r", "8000", "-c", "1", "-b", "16", file, "trim", "0", fields[1]);
                    break;
                default:
                    var raw = folder.File($"part{files.Count}.raw.wav");
                    AudioTools.Run("espeak-ng", "-v", fields[1], "-w", raw, fields[2]);
                    AudioTools.Run("sox", "-R", raw, "-r", "8000", "-c", "1", "-b", "16", file, "sinc", "300-3400", "gain", "-n", "-4");
                    break;
            }

            files.Add(file);
        }

        var joined = folder.File("joined.wav");
        if (files.Count == 1)
        {
            File.Copy(files[0], joined);
        }
        else
        {
            AudioTools.Run("sox", ["-R", .. files, joined]);
        }

        if (noise.Length == 0)
        {
            return AudioTools.ReadPcm(joined);
        }

        var parts2 = noise.Split(' ');
        var noiseFile = folder.File("noise.wav");
        var mixed = folder.File("mixed.wav");
        var seconds = AudioTools.ReadPcm(joined).Length / 8000.0;
        AudioTools.Run("sox", "-R", "-n", "-r", "8000", "-c", "1", "-b", "16", noiseFile, "synth", Invariant(seconds), parts2[0], "vol", parts2[1]);
        AudioTools.Run("sox", "-R", "-m", "-v", "1", joined, "-v", "1", noiseFile, mixed);
        return AudioTools.ReadPcm(mixed);
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
