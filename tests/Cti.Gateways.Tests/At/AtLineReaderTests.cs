using System.Text;
using Cti.Gateways.At;

namespace Cti.Gateways.Tests.At;

public sealed class AtLineReaderTests
{
    private static List<string> FeedAll(params byte[][] chunks)
    {
        var reader = new AtLineReader();
        var lines = new List<string>();
        foreach (var chunk in chunks)
        {
            reader.Feed(chunk, lines.Add);
        }

        return lines;
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    [Fact]
    public void Feed_CrLfFramedResponse_YieldsNonEmptyLines()
    {
        var lines = FeedAll(Ascii("\r\n+CSQ: 20,99\r\n\r\nOK\r\n"));

        Assert.Equal(["+CSQ: 20,99", "OK"], lines);
    }

    [Fact]
    public void Feed_BareCrOrBareLf_BothEndLines()
    {
        var lines = FeedAll(Ascii("AT\rOK\nRING\r"));

        Assert.Equal(["AT", "OK", "RING"], lines);
    }

    [Fact]
    public void Feed_LineSplitAcrossChunks_ReassemblesIt()
    {
        var lines = FeedAll(Ascii("\r\n+CL"), Ascii("IP: \"+86138"), Ascii("00138000\",145\r"), Ascii("\n"));

        Assert.Equal(["+CLIP: \"+8613800138000\",145"], lines);
    }

    [Fact]
    public void Feed_GarbageBytes_DroppedWithoutBreakingLines()
    {
        var lines = FeedAll([0x00, 0xFF, 0x1B, (byte)'O', 0x80, (byte)'K', 0x07, (byte)'\r', 0xFE, (byte)'\n']);

        Assert.Equal(["OK"], lines);
    }

    [Fact]
    public void Feed_OverLongLine_IsCutAtLimit()
    {
        var lines = FeedAll(Ascii(new string('x', AtLineReader.MaxLineLength * 3) + "\r\nOK\r\n"));

        Assert.Equal(AtLineReader.MaxLineLength, lines[0].Length);
        Assert.Equal("OK", lines[1]);
    }

    [Fact]
    public void Feed_EveryChunking_YieldsSameLines()
    {
        var bytes = Ascii("\r\n+CLCC: 1,0,3,0,0,\"+8613800138002\",145\r\n\r\n+CREG: 5\r\nOK\r\n");
        var whole = FeedAll(bytes);
        for (var split = 1; split < bytes.Length; split++)
        {
            Assert.Equal(whole, FeedAll(bytes[..split], bytes[split..]));
        }

        Assert.Equal(3, whole.Count);
    }
}
