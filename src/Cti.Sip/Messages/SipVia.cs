using System.Globalization;
using System.Net;
using System.Text;

namespace Cti.Sip.Messages;

/// <summary>
/// One Via value: <c>SIP/2.0/UDP host:port;branch=...;received=...;rport[=n];maddr=...;ttl=n</c>
/// (RFC 3261 20.42, RFC 3581 for rport).
/// </summary>
public sealed class SipVia
{
    /// <summary>The RFC 3261 branch prefix that marks a globally unique transaction id.</summary>
    public const string MagicCookie = "z9hG4bK";

    public SipVia(string transport, string host, int? port = null, string? branch = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(transport);
        ArgumentException.ThrowIfNullOrEmpty(host);
        Transport = IsUpper(transport) ? transport : transport.ToUpperInvariant();
        Host = host;
        Port = port;
        if (branch is not null)
        {
            Parameters.Set("branch", branch);
        }
    }

    private static bool IsUpper(string value)
    {
        foreach (var c in value)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    public string ProtocolName { get; set; } = "SIP";

    public string ProtocolVersion { get; set; } = "2.0";

    /// <summary>Transport token as written, upper-cased: UDP, TCP, TLS, SCTP, WS...</summary>
    public string Transport { get; set; }

    /// <summary><c>SIP/2.0/UDP</c>.</summary>
    public string Protocol => ProtocolName + "/" + ProtocolVersion + "/" + Transport;

    public string Host { get; set; }

    public int? Port { get; set; }

    public SipParameters Parameters { get; } = new();

    public string? Branch => Parameters.Get("branch");

    public bool HasMagicCookie => Branch is { } b && b.StartsWith(MagicCookie, StringComparison.Ordinal);

    public string? Received => Parameters.Get("received");

    public string? MAddr => Parameters.Get("maddr");

    public int? Ttl => Parameters.Get("ttl") is { } t && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>True when <c>rport</c> is present, as a flag or with a value.</summary>
    public bool HasRPort => Parameters.Contains("rport");

    /// <summary>The filled-in <c>rport=</c> value; null for the bare flag.</summary>
    public int? RPort => Parameters.Get("rport") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public SipVia Clone()
    {
        var copy = new SipVia(Transport, Host, Port) { ProtocolName = ProtocolName, ProtocolVersion = ProtocolVersion };
        foreach (var p in Parameters)
        {
            copy.Parameters.Add(p.Name, p.Value);
        }

        return copy;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(80);
        builder.Append(ProtocolName).Append('/').Append(ProtocolVersion).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        Parameters.AppendHeaderParameters(builder);
        return builder.ToString();
    }

    /// <summary>Parses one Via header line (possibly several comma-separated values).</summary>
    internal static bool TryParseList(ReadOnlySpan<char> value, List<SipVia>? into)
    {
        var reader = new SipValueReader(value);
        reader.SkipWhitespace();
        while (true)
        {
            if (!TryRead(ref reader, into is not null, out var via))
            {
                return false;
            }

            if (via is not null)
            {
                into!.Add(via);
            }
            if (reader.AtEnd)
            {
                return true;
            }

            if (!reader.TryConsumeSeparator(','))
            {
                return false;
            }
        }
    }

    private static bool TryRead(ref SipValueReader reader, bool build, out SipVia? via)
    {
        via = null;
        var name = reader.ReadToken();
        if (name.IsEmpty || !reader.TryConsumeSeparator('/'))
        {
            return false;
        }

        var version = reader.ReadToken();
        if (version.IsEmpty || !reader.TryConsumeSeparator('/'))
        {
            return false;
        }

        var transport = reader.ReadToken();
        if (transport.IsEmpty || !SipSyntax.IsWhitespace(reader.Peek))
        {
            return false;
        }

        reader.SkipWhitespace();

        // sent-by = host [ COLON port ], with optional LWS around the colon.
        ReadOnlySpan<char> host;
        if (reader.Peek == '[')
        {
            // IPv6 reference: its colons are not the port separator.
            var close = reader.Rest.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            host = reader.Rest[..(close + 1)];
            reader.Advance(close + 1);
        }
        else
        {
            host = reader.ReadUntil(SipValueReader.SentByStops);
        }

        if (!SipSyntax.IsHost(host))
        {
            return false;
        }

        int? port = null;
        if (reader.TryConsumeSeparator(':'))
        {
            var start = reader.Rest;
            var n = 0;
            while (n < start.Length && char.IsAsciiDigit(start[n]))
            {
                n++;
            }

            if (!SipSyntax.TryParseUInt32(start[..n], out var p) || p > 65535)
            {
                return false;
            }

            port = (int)p;
            reader.Advance(n);
        }

        if (!build)
        {
            return reader.TryReadParameters(null, ParameterCheck);
        }

        var result = new SipVia(SipValueReader.InternToken(transport, "UDP", "TCP", "TLS", "WS"), host.ToString(), port)
        {
            ProtocolName = SipValueReader.InternToken(name, "SIP", "SIP", "SIP", "SIP"),
            ProtocolVersion = SipValueReader.InternToken(version, "2.0", "2.0", "2.0", "2.0"),
        };
        if (!reader.TryReadParameters(result.Parameters, ParameterCheck))
        {
            return false;
        }

        via = result;
        return true;
    }

    private static readonly SipParameterCheck ParameterCheck = IsValidParameter;

    private static bool IsValidParameter(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool hasValue) =>
        Is(name, "ttl") ? hasValue && SipSyntax.TryParseUInt32(value, out var ttl) && ttl <= 255
        : Is(name, "branch") ? hasValue && SipSyntax.IsToken(value)
        : Is(name, "maddr") ? hasValue && SipSyntax.IsHost(value)
        : Is(name, "received") ? hasValue && IPAddress.TryParse(value.Trim("[]"), out _)
        : !Is(name, "rport") || !hasValue || (SipSyntax.TryParseUInt32(value, out var rport) && rport <= 65535);

    private static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);
}
