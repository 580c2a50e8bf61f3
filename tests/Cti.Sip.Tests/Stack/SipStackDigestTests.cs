using System.Net;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Tests.Auth;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Tests.Stack;

/// <summary>The way the host wires digest REGISTER handling on top of the stack.</summary>
public sealed class SipStackDigestTests
{
    private static string Register(string branch, int cseq, string? authorization) =>
        SipLoopback.Options(branch, method: "REGISTER").Replace($"CSeq: 1 REGISTER", $"CSeq: {cseq} REGISTER", StringComparison.Ordinal)
            .Replace("Content-Length: 0", (authorization is null ? "" : "Authorization: " + authorization + "\r\n") + "Content-Length: 0", StringComparison.Ordinal);

    [Fact]
    public async Task Register_ChallengedThenAccepted_UnknownUserChallengedTheSameWay()
    {
        var auth = new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.test" }, TimeProvider.System);
        string? Lookup(string user, DigestAlgorithm algorithm) => user == "1001" ? Ha1.Compute("1001", "cti.test", "secret", algorithm) : null;
        var handler = new RecordingHandler
        {
            Respond = ctx =>
            {
                var result = auth.Verify(ctx.Request.Method, ctx.Request.Headers.Get(SipHeaderNames.Authorization), Lookup, ctx.Request.RequestUri.ToString(), out _);
                if (result == DigestVerificationResult.Ok)
                {
                    return ctx.CreateResponse(200);
                }

                var challenge = ctx.CreateResponse(401);
                foreach (var value in auth.CreateChallenges(stale: result == DigestVerificationResult.StaleNonce))
                {
                    challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, value);
                }

                return challenge;
            },
        };
        await using var stack = new SipStack(new SipStackOptions(), handler, TimeProvider.System, NullLogger<SipStack>.Instance);
        await stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, IPAddress.Loopback, 0)]);
        var server = stack.BoundEndPoints[0].ToIPEndPoint();
        using var peer = SipLoopback.UdpPeer();

        await SipLoopback.SendAsync(peer, Register("z9hG4bKr1", 1, null), server);
        var challenge = (SipResponse)await SipLoopback.ReceiveAsync(peer);
        Assert.Equal(401, challenge.StatusCode);
        var offers = challenge.Headers.GetAll(SipHeaderNames.WwwAuthenticate);
        Assert.Equal(2, offers.Count);

        var unknown = DigestTestClient.Answer(offers[0], "9999", "secret", "REGISTER", "sip:cti@127.0.0.1", DigestAlgorithm.Sha256, 1);
        await SipLoopback.SendAsync(peer, Register("z9hG4bKr2", 2, unknown), server);
        var unknownChallenge = (SipResponse)await SipLoopback.ReceiveAsync(peer);
        Assert.Equal(401, unknownChallenge.StatusCode);
        Assert.Equal(offers.Select(o => o.Length), unknownChallenge.Headers.GetAll(SipHeaderNames.WwwAuthenticate).Select(o => o.Length));

        var answer = DigestTestClient.Answer(offers[0], "1001", "secret", "REGISTER", "sip:cti@127.0.0.1", DigestAlgorithm.Sha256, 1);
        await SipLoopback.SendAsync(peer, Register("z9hG4bKr3", 3, answer), server);
        Assert.Equal(200, ((SipResponse)await SipLoopback.ReceiveAsync(peer)).StatusCode);
    }
}
