using Cti.Media.Audio;

namespace Cti.Media.Tests;

public sealed class WavTests
{
    [Theory]
    [InlineData(WavEncoding.Pcm16, 1)]
    [InlineData(WavEncoding.Pcm16, 2)]
    [InlineData(WavEncoding.MuLaw, 1)]
    [InlineData(WavEncoding.ALaw, 1)]
    public void WavWriter_ThenReader_RoundTripsFormatAndSamples(WavEncoding encoding, int channels)
    {
        var samples = ToneGenerator.ComfortTone().AsSpan(0, 3001 * channels).ToArray();
        using var stream = new MemoryStream();

        using (var writer = new WavWriter(stream, new WavFormat(encoding, 8000, channels), leaveOpen: true))
        {
            writer.WriteSamples(samples);
        }

        Assert.True(WavReader.TryRead(stream.ToArray(), out var audio, out var error), error.ToString());
        Assert.Equal(new WavFormat(encoding, 8000, channels), audio.Format);
        var read = audio.ToPcm16();
        Assert.Equal(samples.Length, read.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            var expected = encoding switch
            {
                WavEncoding.MuLaw => G711.DecodeMuLaw(G711.EncodeMuLaw(samples[i])),
                WavEncoding.ALaw => G711.DecodeALaw(G711.EncodeALaw(samples[i])),
                _ => samples[i],
            };
            Assert.Equal(expected, read[i]);
        }

        // RIFF size covers the whole file (minus the 8-byte RIFF header), word aligned.
        var bytes = stream.ToArray();
        Assert.Equal(bytes.Length - 8, BitConverter.ToInt32(bytes, 4));
    }

    [Fact]
    public void TryRead_UnfinishedHeader_ReadsToEndOfFile()
    {
        using var stream = new NonSeekableStream();
        var writer = new WavWriter(stream, WavFormat.MuLaw8kMono, leaveOpen: true);
        writer.WriteData(new byte[800]);

        Assert.True(WavReader.TryRead(stream.ToArray(), out var audio, out _));
        Assert.Equal(800, audio.Data.Length);
        Assert.Equal(TimeSpan.FromMilliseconds(100), audio.Duration);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, WavReadError.NotWave)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, WavReadError.MissingChunk)]
    public void TryRead_Garbage_ReturnsError(byte[] file, WavReadError expected)
    {
        Assert.False(WavReader.TryRead(file, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_Unsupported8BitPcm_ReturnsUnsupportedEncoding()
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, WavFormat.MuLaw8kMono, leaveOpen: true))
        {
            writer.WriteData(new byte[10]);
        }

        var bytes = stream.ToArray();
        bytes[20] = 1; // format tag PCM with 8 bits per sample

        Assert.False(WavReader.TryRead(bytes, out _, out var error));
        Assert.Equal(WavReadError.UnsupportedEncoding, error);
    }

    [Fact]
    public void ToG711_Pcm16Mono_ConvertsToRequestedLaw()
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, new WavFormat(WavEncoding.Pcm16, 8000, 1), leaveOpen: true))
        {
            writer.WriteSamples([0, 1000, -1000]);
        }

        Assert.True(WavReader.TryRead(stream.ToArray(), out var audio, out _));
        Assert.Equal([G711.EncodeALaw(0), G711.EncodeALaw(1000), G711.EncodeALaw(-1000)], audio.ToG711(WavEncoding.ALaw)!);
        Assert.Null((audio with { Format = new WavFormat(WavEncoding.Pcm16, 16000, 1) }).ToG711(WavEncoding.MuLaw));
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
