using System.Globalization;
using System.Text;

namespace Cti.Sip.Sdp;

/// <summary>Writes a <see cref="SdpSessionDescription"/> in RFC 8866 line order with CRLF line ends.</summary>
public static class SdpWriter
{
    /// <summary>The description as text.</summary>
    public static string Write(SdpSessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var sb = new StringBuilder(512);
        var o = description.Origin;
        Line(sb, 'v', "0");
        sb.Append("o=").Append(o.UserName).Append(' ').Append(o.SessionId).Append(' ')
            .Append(o.SessionVersion.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(o.NetworkType).Append(' ').Append(o.AddressType).Append(' ').Append(o.Address).Append("\r\n");
        Line(sb, 's', description.SessionName.Length == 0 ? "-" : description.SessionName);
        Others(sb, description.OtherLines, "iuep", include: true);
        Connection(sb, description.Connection);
        Others(sb, description.OtherLines, "b", include: true);
        var timings = description.Timings.Count == 0 ? [SdpTiming.Unbounded] : description.Timings;
        foreach (var t in timings)
        {
            sb.Append("t=").Append(t.Start.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(t.Stop.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        Others(sb, description.OtherLines, "rzk", include: true);
        Others(sb, description.OtherLines, "iuepbrzk", include: false);
        Attributes(sb, description.Attributes);

        foreach (var m in description.Media)
        {
            sb.Append("m=").Append(m.Media).Append(' ').Append(m.Port.ToString(CultureInfo.InvariantCulture));
            if (m.PortCount is { } count)
            {
                sb.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(' ').Append(m.Protocol);
            foreach (var format in m.Formats)
            {
                sb.Append(' ').Append(format);
            }

            sb.Append("\r\n");
            Others(sb, m.OtherLines, "i", include: true);
            Connection(sb, m.Connection);
            Others(sb, m.OtherLines, "bk", include: true);
            Others(sb, m.OtherLines, "ibk", include: false);
            Attributes(sb, m.Attributes);
        }

        return sb.ToString();
    }

    /// <summary>The description as UTF-8 bytes, ready to be a SIP body.</summary>
    public static byte[] WriteUtf8(SdpSessionDescription description) => Encoding.UTF8.GetBytes(Write(description));

    private static void Line(StringBuilder sb, char type, string value) => sb.Append(type).Append('=').Append(value).Append("\r\n");

    private static void Connection(StringBuilder sb, SdpConnection? c)
    {
        if (c is not null)
        {
            sb.Append("c=").Append(c.NetworkType).Append(' ').Append(c.AddressType).Append(' ').Append(c.Address).Append("\r\n");
        }
    }

    private static void Attributes(StringBuilder sb, IReadOnlyList<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            sb.Append("a=").Append(a.Name);
            if (a.Value is not null)
            {
                sb.Append(':').Append(a.Value);
            }

            sb.Append("\r\n");
        }
    }

    private static void Others(StringBuilder sb, IReadOnlyList<SdpLine> lines, string types, bool include)
    {
        foreach (var line in lines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal) == include)
            {
                Line(sb, line.Type, line.Value);
            }
        }
    }
}
