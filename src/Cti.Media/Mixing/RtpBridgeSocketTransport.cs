using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cti.Media.Relay;
using Cti.Media.Rtp;

namespace Cti.Media.Mixing;

/// <summary>
/// A bridge participant's own RTP/RTCP socket pair with symmetric latching, as a relay leg has. RTP goes to the
/// participant; RTCP is accepted and counted but not forwarded (the bridge is a mixer, a new source for every
/// listener, so the parties' reports describe nothing a listener receives).
/// </summary>
internal sealed class RtpBridgeSocketTransport : IRtpBridgeTransport
{
    private const int ReceiveBufferBytes = 2048;
    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly RtpSourceLatch _rtpLatch = new();
    private readonly RtpSourceLatch _rtcpLatch = new();
    private readonly RtpRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly long _relatchAfterTicks;
    private readonly List<Task> _loops = new(2);
    private long _rtcpPacketsIn;
    private int _closed;

    public RtpBridgeSocketTransport(RtpPortPair ports, Socket rtp, Socket rtcp, RtpRelayOptions options, TimeProvider time)
    {
        Ports = ports;
        _rtp = rtp;
        _rtcp = rtcp;
        _options = options;
        _time = time;
        _relatchAfterTicks = (long)(options.RelatchAfter.TotalSeconds * time.TimestampFrequency);
        LocalRtpEndPoint = (IPEndPoint)rtp.LocalEndPoint!;
        LocalRtcpEndPoint = (IPEndPoint)rtcp.LocalEndPoint!;
    }

    public RtpPortPair Ports { get; }

    public IPEndPoint LocalRtpEndPoint { get; }

    public IPEndPoint LocalRtcpEndPoint { get; }

    public IPEndPoint? LatchedRtpEndPoint => _rtpLatch.LatchedEndPoint;

    public long RtcpPacketsIn => Interlocked.Read(ref _rtcpPacketsIn);

    public void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp)
    {
        _rtpLatch.SetSignalled(rtp);
        _rtcpLatch.SetSignalled(rtcp ?? (rtp is null || rtp.Port >= 65535 ? null : new IPEndPoint(rtp.Address, rtp.Port + 1)));
    }

    public bool TrySend(ReadOnlySpan<byte> packet)
    {
        if (Volatile.Read(ref _closed) != 0 || _rtpLatch.Target is not { } target)
        {
            return false;
        }

        try
        {
            _rtp.SendTo(packet, SocketFlags.None, target);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false; // one lost packet; the tick goes on
        }
    }

    /// <summary>Starts the RTP and RTCP receive loops; <paramref name="participant"/> gets every accepted RTP packet.</summary>
    public void Start(RtpBridgeParticipant participant, Action<Exception> onFailure)
    {
        _loops.Add(ReceiveAsync(_rtp, _rtpLatch, participant, onFailure));
        _loops.Add(ReceiveAsync(_rtcp, _rtcpLatch, participant, onFailure));
    }

    /// <summary>Closes both sockets; the loops end on their own (<see cref="WhenClosedAsync"/>).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _rtp.Dispose();
            _rtcp.Dispose();
        }
    }

    public Task WhenClosedAsync() => Task.WhenAll(_loops);

    private async Task ReceiveAsync(Socket socket, RtpSourceLatch latch, RtpBridgeParticipant participant, Action<Exception> onFailure)
    {
        await Task.Yield();
        var isRtcpSocket = socket == _rtcp;
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        var source = new SocketAddress(socket.AddressFamily);
        try
        {
            while (Volatile.Read(ref _closed) == 0)
            {
                int length;
                try
                {
                    length = await socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, source);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue; // ICMP unreachable from an earlier send, or an oversized datagram: not fatal for UDP
                }

                var packet = buffer.AsSpan(0, length);
                var isRtcp = RtcpPacketInspector.IsRtcp(packet);
                if (isRtcp != isRtcpSocket || latch.Accept(source, _time.GetTimestamp(), _options.LatchAnySource, _relatchAfterTicks) == RtpLatchDecision.Rejected)
                {
                    participant.CountRejected();
                    continue;
                }

                if (isRtcp)
                {
                    Interlocked.Increment(ref _rtcpPacketsIn);
                }
                else if (RtpHeader.TryRead(packet, out var header))
                {
                    participant.OnRtp(header, header.GetPayload(packet));
                }
                else
                {
                    participant.CountRejected();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || Volatile.Read(ref _closed) != 0)
        {
            // closing: the socket was disposed under a pending receive
        }
        catch (Exception ex)
        {
            onFailure(ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
