using Cti.Media.Mixing;

namespace Cti.Media.Tests.Mixing;

public sealed class RtpJitterBufferTests
{
    private const uint Ssrc = 0xABCD;

    [Fact]
    public void TryPop_UntilDepthReached_WaitsThenPlaysInSequenceOrder()
    {
        var buffer = new RtpJitterBuffer(depth: 2);
        Assert.True(buffer.Push(Ssrc, 11, 0, Frame(11)));

        Assert.Null(Pop(buffer));
        Assert.True(buffer.Push(Ssrc, 10, 0, Frame(10)));

        Assert.Equal(10, Pop(buffer));
        Assert.Equal(11, Pop(buffer));
        Assert.Equal(0, buffer.Late);
    }

    [Fact]
    public void Push_AfterItsTurnPassed_IsDroppedAsLate()
    {
        var buffer = Playing(1, 2);
        Assert.Equal(1, Pop(buffer));
        Assert.Equal(2, Pop(buffer));

        Assert.False(buffer.Push(Ssrc, 1, 0, Frame(1)));
        Assert.False(buffer.Push(Ssrc, 0, 0, Frame(0)));

        Assert.Equal(2, buffer.Late);
    }

    [Fact]
    public void Push_SameSequenceTwice_SecondDroppedAsDuplicate()
    {
        var buffer = new RtpJitterBuffer(depth: 2);
        buffer.Push(Ssrc, 5, 0, Frame(5));

        Assert.False(buffer.Push(Ssrc, 5, 0, Frame(5)));
        buffer.Push(Ssrc, 6, 0, Frame(6));

        Assert.Equal(1, buffer.Duplicates);
        Assert.Equal(5, Pop(buffer));
        Assert.Equal(6, Pop(buffer));
    }

    [Fact]
    public void TryPop_MissingSequence_SkippedAndCountedLost()
    {
        var buffer = Playing(1, 2, 4, 5);

        Assert.Equal(1, Pop(buffer));
        Assert.Equal(2, Pop(buffer));
        Assert.Equal(4, Pop(buffer));
        Assert.Equal(5, Pop(buffer));
        Assert.Equal(1, buffer.Lost);
    }

    [Fact]
    public void Push_BeyondCapacity_PushesTheOldestOut()
    {
        var buffer = new RtpJitterBuffer(depth: 2);
        for (var sequence = 1; sequence <= RtpJitterBuffer.Capacity + 1; sequence++)
        {
            buffer.Push(Ssrc, (ushort)sequence, 0, Frame(sequence));
        }

        Assert.Equal(1, buffer.Overflowed);
        Assert.Equal(2, Pop(buffer));
    }

    [Fact]
    public void TryPop_RunDry_CountsUnderrunAndRefillsBeforePlayingAgain()
    {
        var buffer = Playing(1, 2);
        Pop(buffer);
        Pop(buffer);

        Assert.Null(Pop(buffer));
        buffer.Push(Ssrc, 3, 0, Frame(3));
        Assert.Null(Pop(buffer));
        buffer.Push(Ssrc, 4, 0, Frame(4));

        Assert.Equal(1, buffer.Underruns);
        Assert.Equal(3, Pop(buffer));
    }

    [Fact]
    public void Push_NewSsrc_StartsAfresh()
    {
        var buffer = Playing(100, 101);

        buffer.Push(Ssrc + 1, 7, 0, Frame(7));
        buffer.Push(Ssrc + 1, 8, 0, Frame(8));

        Assert.Equal(7, Pop(buffer));
        Assert.Equal(8, Pop(buffer));
        Assert.Equal(0, buffer.Late);
    }

    [Fact]
    public void Push_SequenceRestartedFarBack_StartsAfreshInsteadOfLate()
    {
        var buffer = Playing(5000, 5001);
        Pop(buffer);
        Pop(buffer);

        buffer.Push(Ssrc, 10, 0, Frame(10));
        buffer.Push(Ssrc, 11, 0, Frame(11));

        Assert.Equal(10, Pop(buffer));
        Assert.Equal(0, buffer.Late);
    }

    [Fact]
    public void Push_AcrossSequenceWrap_StaysInOrder()
    {
        var buffer = Playing(65535, 0);

        Assert.Equal(255, Pop(buffer)); // frame markers are the low byte of the sequence
        Assert.Equal(0, Pop(buffer));
    }

    [Fact]
    public void TryPop_KeepsPayloadTypeAndLength()
    {
        var buffer = new RtpJitterBuffer(depth: 1);
        buffer.Push(Ssrc, 1, 8, new byte[80]);
        var destination = new byte[160];

        Assert.True(buffer.TryPop(destination, out var length, out var payloadType));
        Assert.Equal(80, length);
        Assert.Equal(8, payloadType);
    }

    private static RtpJitterBuffer Playing(params int[] sequences)
    {
        var buffer = new RtpJitterBuffer(depth: 2);
        foreach (var sequence in sequences)
        {
            Assert.True(buffer.Push(Ssrc, (ushort)sequence, 0, Frame(sequence)));
        }

        return buffer;
    }

    private static int? Pop(RtpJitterBuffer buffer)
    {
        var destination = new byte[160];
        return buffer.TryPop(destination, out _, out _) ? destination[0] : null;
    }

    private static byte[] Frame(int sequence)
    {
        var frame = new byte[160];
        frame[0] = (byte)sequence;
        return frame;
    }
}
