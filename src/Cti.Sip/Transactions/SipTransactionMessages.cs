using System.Globalization;
using System.Security.Cryptography;
using Cti.Sip.Messages;

namespace Cti.Sip.Transactions;

/// <summary>Message fields the transaction layer matches on, and the messages it builds itself (ACK, tags, Via).</summary>
internal static class SipTransactionMessages
{
    public static SipVia? TopVia(SipMessage message) => message.TopVia;

    public static SipCSeq? CSeq(SipMessage message) => message.CSeq;

    public static string? CallId(SipMessage message) => message.CallId;

    public static string? FromTag(SipMessage message) => message.From?.Tag;

    public static string? ToTag(SipMessage message) => message.To?.Tag;

    /// <summary>A random tag (RFC 3261 §19.3 asks for at least 32 bits of randomness).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>A fresh RFC 3261 branch: the magic cookie plus 96 random bits.</summary>
    public static string NewBranch() => SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>
    /// The ACK a client INVITE transaction sends for a non-2xx final (§17.1.1.3): same Request-URI, Call-ID, From,
    /// CSeq number and top Via (so the same branch) as the INVITE, To from the response, Route copied.
    /// </summary>
    public static SipRequest CreateAck(SipRequest invite, SipResponse response)
    {
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri.Clone());
        if (invite.TopVia is { } via)
        {
            ack.Headers.Add(SipHeaderNames.Via, via.ToString());
        }

        foreach (var route in invite.Headers.GetAll(SipHeaderNames.Route))
        {
            ack.Headers.Add(SipHeaderNames.Route, route);
        }

        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        if (invite.Headers.Get(SipHeaderNames.From) is { } from)
        {
            ack.Headers.Add(SipHeaderNames.From, from);
        }

        if ((response.Headers.Get(SipHeaderNames.To) ?? invite.Headers.Get(SipHeaderNames.To)) is { } to)
        {
            ack.Headers.Add(SipHeaderNames.To, to);
        }

        if (invite.CallId is { } callId)
        {
            ack.Headers.Add(SipHeaderNames.CallId, callId);
        }

        var number = invite.CSeq?.Number ?? 0;
        ack.Headers.Add(SipHeaderNames.CSeq, number.ToString(CultureInfo.InvariantCulture) + " " + SipMethods.Ack);
        ack.Headers.Add(SipHeaderNames.ContentLength, "0");
        return ack;
    }

    /// <summary>Puts <paramref name="via"/> on top of the request's Via list.</summary>
    public static void PushVia(SipMessage message, SipVia via)
    {
        var existing = message.Headers.GetAll(SipHeaderNames.Via).ToArray();
        message.Headers.Remove(SipHeaderNames.Via);
        message.Headers.Add(SipHeaderNames.Via, via.ToString());
        foreach (var line in existing)
        {
            message.Headers.Add(SipHeaderNames.Via, line);
        }
    }

    /// <summary>Replaces the top Via (keeping every other Via value as it arrived when each sits on its own line).</summary>
    public static void ReplaceTopVia(SipMessage message, SipVia top)
    {
        var lines = message.Headers.GetAll(SipHeaderNames.Via).ToArray();
        var vias = message.Vias.ToArray();
        message.Headers.Remove(SipHeaderNames.Via);
        message.Headers.Add(SipHeaderNames.Via, top.ToString());
        if (lines.Length == vias.Length)
        {
            for (var i = 1; i < lines.Length; i++)
            {
                message.Headers.Add(SipHeaderNames.Via, lines[i]);
            }
        }
        else
        {
            for (var i = 1; i < vias.Length; i++)
            {
                message.Headers.Add(SipHeaderNames.Via, vias[i].ToString());
            }
        }
    }
}
