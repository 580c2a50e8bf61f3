using Cti.Media.Audio;

namespace Cti.Media.Tests;

public sealed class ToneGeneratorTests
{
    [Fact]
    public void Render_SingleTone_HasExpectedLengthPeakAndZeroCrossings()
    {
        var samples = ToneGenerator.Render([new ToneSegment(TimeSpan.FromSeconds(1), 440, 0, 0.5)]);

        Assert.Equal(8000, samples.Length);
        Assert.InRange(samples.Max(s => (int)s), 16000, 16384);
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        Assert.InRange(crossings, 875, 885); // two per cycle
        Assert.Equal(0, samples[0]);
    }

    [Fact]
    public void Render_Silence_IsAllZero()
    {
        Assert.All(ToneGenerator.Render([ToneSegment.Silence(TimeSpan.FromMilliseconds(100))]), s => Assert.Equal(0, s));
    }

    [Fact]
    public void EnsureDefaults_EmptyFolder_WritesPlayableMuLawFilesOnce()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cti-prompts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = PromptFiles.EnsureDefaults(directory);

            Assert.Equal<string>([PromptFiles.Welcome, PromptFiles.Hold, PromptFiles.Abandon], written.Select(f => Path.GetFileName(f)!).ToArray());
            foreach (var file in written)
            {
                Assert.True(LoopingPayloadSource.TryLoad(file, WavEncoding.MuLaw, loop: true, out _));
                Assert.True(WavReader.TryReadFile(file, out var wav, out _));
                Assert.Equal(WavFormat.MuLaw8kMono, wav.Format);
                Assert.True(wav.Duration > TimeSpan.FromSeconds(2));
            }

            Assert.Empty(PromptFiles.EnsureDefaults(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LoopingPayloadSource_ShortAudio_WrapsAroundOrPadsWithSilence()
    {
        var looping = new LoopingPayloadSource(new byte[] { 1, 2, 3 }, WavEncoding.MuLaw);
        var once = new LoopingPayloadSource(new byte[] { 1, 2, 3 }, WavEncoding.ALaw, loop: false);
        var frame = new byte[7];

        looping.ReadFrame(frame);
        Assert.Equal([1, 2, 3, 1, 2, 3, 1], frame);
        once.ReadFrame(frame);
        Assert.Equal([1, 2, 3, 0xD5, 0xD5, 0xD5, 0xD5], frame);
        Assert.True(once.Finished);
    }
}
