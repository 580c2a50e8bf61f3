using CsCheck;
using Cti.Media.Audio;
using Cti.Media.Rtp;

namespace Cti.Media.Tests;

public sealed class MediaFuzzTests
{
    [Fact]
    public void RtpAndRtcpInspection_RandomDatagrams_NeverThrowAndStayInBounds()
    {
        Gen.Byte.Array[0, 80].Sample(
            packet =>
            {
                if (RtpHeader.TryRead(packet, out var header))
                {
                    var payload = header.GetPayload(packet);
                    Assert.True(payload.Length >= 0 && header.HeaderLength + payload.Length + header.PaddingLength == packet.Length);
                }

                if (RtcpPacketInspector.IsValidCompound(packet))
                {
                    Assert.True(RtcpPacketInspector.CountPackets(packet) >= 1);
                }

                _ = TelephoneEvent.TryParse(packet, out _);
            },
            iter: 5000,
            threads: 1);
    }

    [Fact]
    public void WavReader_MutatedFiles_NeverThrow()
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, WavFormat.MuLaw8kMono, leaveOpen: true))
        {
            writer.WriteData(new byte[64]);
        }

        var seed = stream.ToArray();
        Gen.Select(Gen.Int[0, seed.Length - 1], Gen.Byte, Gen.Int[0, seed.Length]).Array[1, 6].Sample(
            mutations =>
            {
                var file = (byte[])seed.Clone();
                var length = file.Length;
                foreach (var (at, value, cut) in mutations)
                {
                    file[at] = value;
                    length = Math.Min(length, Math.Max(cut, 1));
                }

                if (WavReader.TryRead(file.AsMemory(0, length), out var audio, out _))
                {
                    Assert.Equal(0, audio.Data.Length % audio.Format.BlockAlign);
                    _ = audio.ToPcm16();
                }
            },
            iter: 3000,
            threads: 1);
    }
}
