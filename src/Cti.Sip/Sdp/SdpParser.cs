using System.Globalization;
using System.Text;

namespace Cti.Sip.Sdp;

/// <summary>
/// Parses RFC 8866 session descriptions. Never throws on input: every problem is an <see cref="SdpParseError"/>.
/// Strict about the lines the relay depends on (<c>v</c>, <c>o</c>, <c>s</c>, <c>c</c>, <c>t</c>, <c>m</c>),
/// tolerant elsewhere: unknown attributes and line types are kept verbatim, LF-only line ends and a missing
/// <c>t=</c> are accepted (many gateways omit it; the writer puts <c>t=0 0</c> back).
/// </summary>
public static class SdpParser
{
    /// <summary>Largest accepted body in characters.</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Most lines accepted.</summary>
    public const int MaxLines = 2048;

    /// <summary>Most media sections accepted.</summary>
    public const int MaxMediaSections = 32;

    /// <summary>Parses UTF-8 bytes (the body of a SIP message).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out SdpSessionDescription description, out SdpParseError error)
    {
        if (utf8.Length > MaxLength)
        {
            description = null!;
            error = new SdpParseError(SdpParseErrorCode.TooLarge, 0);
            return false;
        }

        // Invalid UTF-8 becomes U+FFFD and is then judged like any other text.
        return TryParse(Encoding.UTF8.GetString(utf8), out description, out error);
    }

    /// <summary>Parses text.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SdpSessionDescription description, out SdpParseError error)
    {
        description = null!;
        var state = new Builder();
        error = state.Run(text);
        if (error.Code != SdpParseErrorCode.None)
        {
            return false;
        }

        description = state.Build();
        return true;
    }

    private sealed class Builder
    {
        private readonly List<SdpTiming> _timings = [];
        private readonly List<SdpAttribute> _attributes = [];
        private readonly List<SdpLine> _otherLines = [];
        private readonly List<MediaBuilder> _media = [];
        private SdpOrigin? _origin;
        private string? _sessionName;
        private SdpConnection? _connection;
        private int _lineNumber;

        public SdpParseError Run(ReadOnlySpan<char> text)
        {
            if (text.Length > MaxLength)
            {
                return new SdpParseError(SdpParseErrorCode.TooLarge, 0);
            }

            var lineNumber = 0;
            var meaningful = 0;
            while (!text.IsEmpty)
            {
                var end = text.IndexOf('\n');
                var line = end < 0 ? text : text[..end];
                text = end < 0 ? [] : text[(end + 1)..];
                lineNumber++;
                if (lineNumber > MaxLines)
                {
                    return new SdpParseError(SdpParseErrorCode.TooLarge, lineNumber);
                }

                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                if (line.IsEmpty)
                {
                    continue; // blank lines (usually a trailing CRLF) are tolerated
                }

                if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
                {
                    return new SdpParseError(SdpParseErrorCode.MalformedLine, lineNumber);
                }

                meaningful++;
                _lineNumber = lineNumber;
                var code = Accept(line[0], line[2..], meaningful);
                if (code != SdpParseErrorCode.None)
                {
                    return new SdpParseError(code, lineNumber);
                }
            }

            if (meaningful == 0)
            {
                return new SdpParseError(SdpParseErrorCode.Empty, 0);
            }

            if (_origin is null)
            {
                return new SdpParseError(SdpParseErrorCode.MissingOrigin, 0);
            }

            if (_sessionName is null)
            {
                return new SdpParseError(SdpParseErrorCode.MissingSessionName, 0);
            }

            foreach (var media in _media)
            {
                if (media.Connection is null && _connection is null && media.Port != 0)
                {
                    return new SdpParseError(SdpParseErrorCode.MissingConnection, media.Line);
                }
            }

            return SdpParseError.None;
        }

        public SdpSessionDescription Build() => new(
            _origin!,
            _sessionName!,
            _connection,
            _timings.Count == 0 ? [SdpTiming.Unbounded] : _timings,
            _attributes,
            _otherLines,
            _media.ConvertAll(m => m.Build()));

        private SdpParseErrorCode Accept(char type, ReadOnlySpan<char> value, int index)
        {
            if (index == 1)
            {
                if (type != 'v')
                {
                    return SdpParseErrorCode.MissingVersion;
                }

                return value.Trim().SequenceEqual("0") ? SdpParseErrorCode.None : SdpParseErrorCode.UnsupportedVersion;
            }

            if (index == 2)
            {
                return type == 'o' ? ParseOrigin(value) : SdpParseErrorCode.MissingOrigin;
            }

            var media = _media.Count > 0 ? _media[^1] : null;
            switch (type)
            {
                case 'v':
                case 'o':
                    return SdpParseErrorCode.DuplicateLine;
                case 's':
                    if (media is not null)
                    {
                        return SdpParseErrorCode.MalformedLine;
                    }

                    if (_sessionName is not null)
                    {
                        return SdpParseErrorCode.DuplicateLine;
                    }

                    _sessionName = value.ToString();
                    return SdpParseErrorCode.None;
                case 'c':
                    if (!TryParseConnection(value, out var connection))
                    {
                        return SdpParseErrorCode.InvalidConnection;
                    }

                    if (media is null)
                    {
                        if (_connection is not null)
                        {
                            return SdpParseErrorCode.DuplicateLine;
                        }

                        _connection = connection;
                    }
                    else
                    {
                        // RFC 8866 allows several c= per media only for multicast; keep the first and fail loudly otherwise.
                        if (media.Connection is not null)
                        {
                            return SdpParseErrorCode.DuplicateLine;
                        }

                        media.Connection = connection;
                    }

                    return SdpParseErrorCode.None;
                case 't':
                    if (media is not null)
                    {
                        return SdpParseErrorCode.MalformedLine;
                    }

                    return ParseTiming(value);
                case 'a':
                    var colon = value.IndexOf(':');
                    var name = colon < 0 ? value : value[..colon];
                    if (name.IsEmpty || name.ContainsAny(' ', '\t'))
                    {
                        return SdpParseErrorCode.InvalidAttribute;
                    }

                    var attribute = new SdpAttribute(name.ToString(), colon < 0 ? null : value[(colon + 1)..].ToString());
                    (media?.Attributes ?? _attributes).Add(attribute);
                    return SdpParseErrorCode.None;
                case 'm':
                    if (_sessionName is null)
                    {
                        return SdpParseErrorCode.MissingSessionName;
                    }

                    if (_media.Count >= MaxMediaSections)
                    {
                        return SdpParseErrorCode.TooManyMedia;
                    }

                    return ParseMedia(value);
                default:
                    (media?.OtherLines ?? _otherLines).Add(new SdpLine(type, value.ToString()));
                    return SdpParseErrorCode.None;
            }
        }

        private SdpParseErrorCode ParseOrigin(ReadOnlySpan<char> value)
        {
            Span<Range> fields = stackalloc Range[7];
            var count = value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries);
            if (count != 6
                || !ulong.TryParse(value[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return SdpParseErrorCode.InvalidOrigin;
            }

            _origin = new SdpOrigin(
                value[fields[0]].ToString(),
                value[fields[1]].ToString(),
                version,
                value[fields[3]].ToString(),
                value[fields[4]].ToString(),
                value[fields[5]].ToString());
            return SdpParseErrorCode.None;
        }

        private static bool TryParseConnection(ReadOnlySpan<char> value, out SdpConnection connection)
        {
            connection = null!;
            Span<Range> fields = stackalloc Range[4];
            if (value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) != 3)
            {
                return false;
            }

            connection = new SdpConnection(value[fields[0]].ToString(), value[fields[1]].ToString(), value[fields[2]].ToString());
            return true;
        }

        private SdpParseErrorCode ParseTiming(ReadOnlySpan<char> value)
        {
            Span<Range> fields = stackalloc Range[3];
            if (value.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) != 2
                || !ulong.TryParse(value[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                || !ulong.TryParse(value[fields[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var stop))
            {
                return SdpParseErrorCode.InvalidTiming;
            }

            _timings.Add(new SdpTiming(start, stop));
            return SdpParseErrorCode.None;
        }

        private SdpParseErrorCode ParseMedia(ReadOnlySpan<char> value)
        {
            var parts = value.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4)
            {
                return SdpParseErrorCode.InvalidMedia;
            }

            var portText = parts[1].AsSpan();
            int? portCount = null;
            var slash = portText.IndexOf('/');
            if (slash >= 0)
            {
                if (!int.TryParse(portText[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pc) || pc <= 0)
                {
                    return SdpParseErrorCode.InvalidMedia;
                }

                portCount = pc;
                portText = portText[..slash];
            }

            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                return SdpParseErrorCode.InvalidMedia;
            }

            var builder = new MediaBuilder
            {
                MediaType = parts[0],
                Port = port,
                PortCount = portCount,
                Protocol = parts[2],
                Formats = parts[3..],
                Line = _lineNumber,
            };

            if (builder.Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var format in builder.Formats)
                {
                    if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
                    {
                        return SdpParseErrorCode.InvalidMedia;
                    }
                }
            }

            _media.Add(builder);
            return SdpParseErrorCode.None;
        }
    }

    private sealed class MediaBuilder
    {
        public string MediaType { get; init; } = string.Empty;

        public int Port { get; init; }

        public int? PortCount { get; init; }

        public string Protocol { get; init; } = string.Empty;

        public string[] Formats { get; init; } = [];

        public int Line { get; init; }

        public SdpConnection? Connection { get; set; }

        public List<SdpAttribute> Attributes { get; } = [];

        public List<SdpLine> OtherLines { get; } = [];

        public SdpMediaDescription Build() => new(MediaType, Port, PortCount, Protocol, Formats, Connection, Attributes, OtherLines);
    }
}
