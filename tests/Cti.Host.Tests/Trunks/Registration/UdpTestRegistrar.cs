using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Host.Tests.Trunks.Registration;

/// <summary>
/// A carrier registrar over UDP on 127.0.0.1: challenges REGISTERs with the service's own server-side digest code,
/// grants <see cref="GrantedSeconds"/> and records every REGISTER with the verification result.
/// </summary>
internal sealed class UdpTestRegistrar : IAsyncDisposable
{
    public const string Realm = "carrier.example";

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly DigestAuthenticator _auth = new(new DigestAuthOptions { Realm = Realm }, TimeProvider.System);
    private readonly Channel<(SipRequest Request, DigestVerificationResult Result)> _registers = Channel.CreateUnbounded<(SipRequest, DigestVerificationResult)>();
    private readonly string _user;
    private readonly string _password;
    private readonly Task _loop;

    public UdpTestRegistrar(string user, string password)
    {
        _user = user;
        _password = password;
        _loop = Task.Run(AnswerAsync);
    }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public uint GrantedSeconds { get; init; } = 120;

    public ChannelReader<(SipRequest Request, DigestVerificationResult Result)> Registers => _registers.Reader;

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
            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is not SipRequest request)
            {
                continue;
            }

            var response = request.Method == SipMethods.Register ? Register(request) : SipResponseFactory.Create(request, 200, null, "carrier");
            await _udp.SendAsync(SipMessageWriter.ToBytes(response), datagram.RemoteEndPoint, _stop.Token);
        }
    }

    private SipResponse Register(SipRequest request)
    {
        var result = _auth.Verify(request.Method, request.Headers.Get(SipHeaderNames.Authorization), Lookup, request.RequestUri.ToString(), out _);
        _registers.Writer.TryWrite((request, result));
        if (result != DigestVerificationResult.Ok)
        {
            var challenge = SipResponseFactory.Create(request, 401, null, "carrier");
            foreach (var value in _auth.CreateChallenges(result == DigestVerificationResult.StaleNonce))
            {
                challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, value);
            }

            return challenge;
        }

        var ok = SipResponseFactory.Create(request, 200, null, "carrier");
        if (request.Expires is > 0)
        {
            ok.Headers.Add(SipHeaderNames.Contact, $"{request.Headers.Get(SipHeaderNames.Contact)};expires={GrantedSeconds}");
        }

        return ok;
    }

    private string? Lookup(string user, DigestAlgorithm algorithm) => user == _user ? Ha1.Compute(user, Realm, _password, algorithm) : null;
}
