using System.Net;
using System.Net.Sockets;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Host.Tests.Trunks;

/// <summary>A carrier peer that answers every request (the service's OPTIONS keepalives) with 200 and counts them.</summary>
internal sealed class SipTestCarrierResponder : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _received;

    public SipTestCarrierResponder() => _loop = Task.Run(AnswerAsync);

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public int OptionsReceived => Volatile.Read(ref _received);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AnswerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var datagram = await _udp.ReceiveAsync(_stop.Token);
            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is SipRequest request)
            {
                if (request.Method == SipMethods.Options)
                {
                    Interlocked.Increment(ref _received);
                }

                var response = SipResponseFactory.Create(request, 200, null, "carrier");
                response.Headers.Add(SipHeaderNames.ContentLength, "0");
                await _udp.SendAsync(SipMessageWriter.ToBytes(response), datagram.RemoteEndPoint);
            }
        }
    }
}
