using System.Net;

namespace Cti.Sip.Sdp;

/// <summary>What this side puts in the offers and answers it writes for one relay leg.</summary>
public sealed record SdpMediaOptions
{
    /// <summary>The relay leg's address as the other party should reach it.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The relay leg's RTP port (RTCP is port + 1).</summary>
    public required int RtpPort { get; init; }

    /// <summary>Acceptable codecs in this side's order of preference. Default PCMU, PCMA.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>Whether RFC 4733 telephone events are offered / accepted. Default true.</summary>
    public bool TelephoneEvents { get; init; } = true;

    /// <summary>The <c>o=</c> session id.</summary>
    public string SessionId { get; init; } = "0";

    /// <summary>The <c>o=</c> session version; increase it for every changed re-offer.</summary>
    public ulong SessionVersion { get; init; }

    /// <summary>The <c>o=</c> user name.</summary>
    public string UserName { get; init; } = "cti";

    /// <summary>Packetisation time written as <c>a=ptime</c>. Default 20 ms.</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>The direction this side wants when it offers (answers mirror the offer). Default sendrecv.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;
}
