using Cti.Media.Audio;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Media.Tests;

public sealed class CallRecorderTests
{
    [Fact]
    public void WritePacket_CallerThenAgent_LeftHoldsCallerRightHoldsAgent()
    {
        var time = new FakeTimeProvider();
        using var file = new MemoryStream();
        var recorder = new CallRecorder(file, time);
        var tone = Tone(1000);

        // First second: the caller talks, the agent is silent (sends silence packets).
        for (var i = 0; i < 50; i++)
        {
            recorder.WritePacket(RtpRelayLegId.A, 1, (uint)(i * 160), 0, tone);
            recorder.WritePacket(RtpRelayLegId.B, 2, (uint)(5000 + (i * 160)), 8, Silence(0xD5));
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        // Second second: the agent talks (A-law), the caller sends nothing at all.
        for (var i = 50; i < 100; i++)
        {
            recorder.WritePacket(RtpRelayLegId.B, 2, (uint)(5000 + (i * 160)), 8, ALaw(tone));
            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        recorder.Dispose();
        Assert.True(WavReader.TryRead(file.ToArray(), out var wav, out _));
        Assert.Equal(WavFormat.Pcm8kStereo, wav.Format);
        var samples = wav.ToPcm16();
        Assert.True(samples.Length / 2 >= 16000);

        Assert.True(Energy(samples, 0, 0, 8000) > 1e6);
        Assert.True(Energy(samples, 1, 0, 8000) < 100);
        Assert.True(Energy(samples, 0, 8000, 16000) < 100);
        Assert.True(Energy(samples, 1, 8000, 16000) > 1e6);
    }

    [Fact]
    public void WritePacket_OutOfOrderArrival_IsPlacedByTimestamp()
    {
        var time = new FakeTimeProvider();
        using var file = new MemoryStream();
        var recorder = new CallRecorder(file, time);
        var loud = Tone(500);

        recorder.WritePacket(RtpRelayLegId.A, 9, 1000, 0, Silence(0xFF));
        time.Advance(TimeSpan.FromMilliseconds(40));
        recorder.WritePacket(RtpRelayLegId.A, 9, 1320, 0, Silence(0xFF));
        recorder.WritePacket(RtpRelayLegId.A, 9, 1160, 0, loud); // late: belongs between the two
        recorder.Dispose();

        Assert.True(WavReader.TryRead(file.ToArray(), out var wav, out _));
        var samples = wav.ToPcm16();
        Assert.True(Energy(samples, 0, 0, 160) < 100);
        Assert.True(Energy(samples, 0, 160, 320) > 1e6);
        Assert.True(Energy(samples, 0, 320, 480) < 100);
    }

    [Fact]
    public void Create_Options_WritesNamedFileAndCountsBytes()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cti-rec-" + Guid.NewGuid().ToString("N"));
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
            var recorder = CallRecorder.Create(new CallRecordingOptions { Directory = directory }, "a84b4c76e66710@pc33/x", time);
            for (var i = 0; i < 200; i++)
            {
                recorder.WritePacket(RtpRelayLegId.A, 1, (uint)(i * 160), 0, Tone(700));
                time.Advance(TimeSpan.FromMilliseconds(20));
            }

            var path = recorder.FilePath!;
            recorder.Dispose();

            Assert.Equal("20260304-050607_a84b4c76e66710_pc33_x.wav", Path.GetFileName(path));
            Assert.Equal(new FileInfo(path).Length, recorder.BytesWritten);
            Assert.True(recorder.BytesWritten >= 44 + (200 * 160 * 4));
            Assert.True(WavReader.TryReadFile(path, out var wav, out _));
            Assert.True(wav.Duration >= TimeSpan.FromSeconds(4));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    internal static byte[] Tone(double frequency)
    {
        var samples = ToneGenerator.Render([new ToneSegment(TimeSpan.FromMilliseconds(20), frequency, 0, 0.5)]);
        var bytes = new byte[samples.Length];
        G711.EncodeMuLaw(samples, bytes);
        return bytes;
    }

    private static byte[] ALaw(byte[] muLaw) => [.. muLaw.Select(b => G711.EncodeALaw(G711.DecodeMuLaw(b)))];

    private static byte[] Silence(byte value) => Enumerable.Repeat(value, 160).ToArray();

    private static double Energy(short[] interleaved, int channel, int from, int to)
    {
        double sum = 0;
        for (var i = from; i < to; i++)
        {
            double s = interleaved[(2 * i) + channel];
            sum += s * s;
        }

        return sum / (to - from);
    }
}
