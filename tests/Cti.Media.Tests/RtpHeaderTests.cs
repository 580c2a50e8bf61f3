using Cti.Media.Rtp;

namespace Cti.Media.Tests;

public sealed class RtpHeaderTests
{
    [Fact]
    public void Write_ThenTryRead_RoundTripsEveryField()
    {
        var header = new RtpHeader
        {
            Marker = true,
            PayloadType = 101,
            SequenceNumber = 65535,
            Timestamp = 0xDEADBEEF,
            Ssrc = 0x01020304,
            Extension = true,
            ExtensionProfile = 0xBEDE,
            Padding = true,
        };
        var buffer = new byte[64];
        uint[] csrcs = [7, 8, 9];
        byte[] extension = [1, 2, 3, 4, 5, 6, 7, 8];

        var length = header.Write(buffer, csrcs, extension);
        buffer.AsSpan(length, 4).Fill(0xAA); // 4-byte payload
        var packet = buffer.AsSpan(0, length + 8);
        packet[(length + 4)..(length + 7)].Clear();
        packet[length + 7] = 4; // followed by 4 bytes of padding, the last holding the count

        Assert.True(RtpHeader.TryRead(packet, out var read));
        Assert.Equal(2, read.Version);
        Assert.True(read.Marker);
        Assert.True(read.Padding);
        Assert.True(read.Extension);
        Assert.Equal(101, read.PayloadType);
        Assert.Equal(65535, read.SequenceNumber);
        Assert.Equal(0xDEADBEEF, read.Timestamp);
        Assert.Equal(0x01020304u, read.Ssrc);
        Assert.Equal(3, read.CsrcCount);
        Assert.Equal(9u, RtpHeader.ReadCsrc(packet, 2));
        Assert.Equal(0xBEDE, read.ExtensionProfile);
        Assert.Equal(8, read.ExtensionLength);
        Assert.Equal(12 + 12 + 4 + 8, read.HeaderLength);
        Assert.Equal(4, read.PaddingLength);
        Assert.Equal([0xAA, 0xAA, 0xAA, 0xAA], read.GetPayload(packet).ToArray());
    }

    [Fact]
    public void TryRead_PlainAudioPacket_PayloadFollowsFixedHeader()
    {
        var packet = new byte[172];
        new RtpHeader { PayloadType = 0, SequenceNumber = 1, Timestamp = 160, Ssrc = 42 }.Write(packet);
        packet[12] = 0x7E;

        Assert.True(RtpHeader.TryRead(packet, out var header));
        Assert.False(header.Marker);
        Assert.Equal(160, header.GetPayload(packet).Length);
        Assert.Equal(0x7E, header.GetPayload(packet)[0]);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 9 })]
    public void TryRead_MalformedPacket_ReturnsFalse(byte[] packet)
    {
        Assert.False(RtpHeader.TryRead(packet, out _));
    }

    [Fact]
    public void IsRtcp_ReceiverReportAndCompound_Recognised()
    {
        // RR with no report blocks (8 bytes) followed by an SDES with one empty chunk (8 bytes).
        byte[] compound = [0x80, 201, 0, 1, 0, 0, 0, 1, 0x81, 202, 0, 1, 0, 0, 0, 1];

        Assert.True(RtcpPacketInspector.IsRtcp(compound));
        Assert.True(RtcpPacketInspector.IsValidCompound(compound));
        Assert.Equal(2, RtcpPacketInspector.CountPackets(compound));
        Assert.False(RtcpPacketInspector.IsValidCompound(compound.AsSpan(0, 12)));
    }

    [Fact]
    public void IsRtcp_RtpPacket_IsNotRtcp()
    {
        var packet = new byte[20];
        new RtpHeader { PayloadType = 8, Marker = true }.Write(packet);

        Assert.False(RtcpPacketInspector.IsRtcp(packet));
        Assert.False(RtcpPacketInspector.IsValidCompound([0x80, 202, 0, 0]));
    }
}
