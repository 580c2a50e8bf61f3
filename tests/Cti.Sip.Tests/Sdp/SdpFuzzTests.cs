using CsCheck;
using Cti.Sip.Sdp;

namespace Cti.Sip.Tests.Sdp;

public sealed class SdpFuzzTests
{
    private static readonly string[] Seeds = [SdpSamples.CarrierOffer, SdpSamples.SoftphoneOffer];

    private static readonly Gen<(int Op, int Position, char Char)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Char['\0', '\x7f']);

    [Fact]
    public void TryParse_MutatedDescriptions_NeverThrowsAndAcceptedOnesRoundTrip()
    {
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[1, 8]).Sample(
            c =>
            {
                var text = Mutate(Seeds[c.Item1], c.Item2);
                if (SdpParser.TryParse(text, out var description, out var error))
                {
                    var written = SdpWriter.Write(description);
                    Assert.True(SdpParser.TryParse(written, out var again, out _), written);
                    Assert.Equal(written, SdpWriter.Write(again));
                    _ = SdpRewriter.RewriteForRelay(description, System.Net.IPAddress.Loopback, 20000);
                    _ = SdpNegotiator.Answer(description, new SdpMediaOptions { Address = System.Net.IPAddress.Loopback, RtpPort = 20000 });
                }
                else
                {
                    Assert.NotEqual(SdpParseErrorCode.None, error.Code);
                }
            },
            iter: 3000,
            threads: 1);
    }

    private static string Mutate(string text, (int Op, int Position, char Char)[] mutations)
    {
        var chars = new List<char>(text);
        foreach (var (op, position, c) in mutations)
        {
            var at = chars.Count == 0 ? 0 : position % chars.Count;
            switch (op)
            {
                case 0 when chars.Count > 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, c);
                    break;
                case 2 when chars.Count > 0:
                    chars[at] = c;
                    break;
                case 3:
                    chars.RemoveRange(at, chars.Count - at);
                    break;
                default:
                    chars.Insert(at, ' ');
                    break;
            }
        }

        return new string([.. chars]);
    }
}
