using System.Buffers;
using System.Text;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>
/// Stateless SIP message parser over bytes (RFC 3261 7 and 18.3). A datagram is one message and its end bounds
/// the message; a stream needs Content-Length and yields <see cref="SipParseStatus.NeedMoreData"/> without consuming
/// anything until a whole message has arrived. The parsed message holds one copy of its bytes plus an index of
/// header ranges; strings and typed values are created on first access.
/// </summary>
public static class SipMessageParser
{
    // token characters (RFC 3261 25.1) as bytes, for header names and methods.
    private static readonly SearchValues<byte> TokenBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    private static readonly SearchValues<byte> UriForbidden = SearchValues.Create(" \t\r\n"u8);

    /// <summary>Parses one UDP datagram. Octets after Content-Length are dropped; without Content-Length the body runs to the end.</summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, SipParserLimits? limits = null)
    {
        Parse(datagram, isDatagram: true, limits ?? SipParserLimits.Default, out var message, out var error, out _);
        return new SipParseResult(message, error);
    }

    /// <summary>
    /// Parses the next message from a stream buffer. <see cref="SipParseStatus.Complete"/> advances
    /// <paramref name="buffer"/> past the message (and any CRLFs before it); <see cref="SipParseStatus.NeedMoreData"/>
    /// and <see cref="SipParseStatus.Error"/> leave it untouched (after an error the connection should be closed).
    /// </summary>
    public static SipParseStatus TryParseStream(
        ref ReadOnlySequence<byte> buffer,
        SipParserLimits? limits,
        out SipMessage? message,
        out SipParseError? error)
    {
        limits ??= SipParserLimits.Default;
        SipParseStatus status;
        int consumed;
        if (buffer.IsSingleSegment)
        {
            status = Parse(buffer.FirstSpan, isDatagram: false, limits, out message, out error, out consumed);
        }
        else
        {
            // Leave room for keep-alive CRLFs before the message; anything longer fails the size limit anyway.
            var length = (int)Math.Min(buffer.Length, (long)limits.MaxMessageBytes + 1024);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                buffer.Slice(0, length).CopyTo(rented);
                status = Parse(rented.AsSpan(0, length), isDatagram: false, limits, out message, out error, out consumed);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (status == SipParseStatus.Complete)
        {
            buffer = buffer.Slice(consumed);
        }

        return status;
    }

    private static SipParseStatus Parse(
        ReadOnlySpan<byte> input,
        bool isDatagram,
        SipParserLimits limits,
        out SipMessage? message,
        out SipParseError? error,
        out int consumed)
    {
        message = null;
        error = null;
        consumed = 0;

        // RFC 3261 7.5: CRLFs before the start line are ignored (also keep-alives on a stream).
        var leading = 0;
        while (leading + 1 < input.Length && input[leading] == '\r' && input[leading + 1] == '\n')
        {
            leading += 2;
        }

        var data = input[leading..];
        if (data.IsEmpty || (!isDatagram && data.Length == 1 && data[0] == '\r'))
        {
            if (!isDatagram)
            {
                return SipParseStatus.NeedMoreData;
            }

            error = new SipParseError(SipParseErrorReason.EmptyMessage, "Empty Message");
            return SipParseStatus.Error;
        }

        var frame = new Frame(data, isDatagram, limits);
        try
        {
            var status = frame.Run(out message);
            if (status == SipParseStatus.Complete)
            {
                consumed = leading + frame.MessageEnd;
            }

            return status;
        }
        catch (SipParseException ex)
        {
            error = frame.BuildError(ex);
            message = null;
            return SipParseStatus.Error;
        }
        finally
        {
            frame.Dispose();
        }
    }

    /// <summary>Per-call parsing state; lives on the stack.</summary>
    private ref struct Frame
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly bool _isDatagram;
        private readonly SipParserLimits _limits;
        private SipHeaderEntry[] _entries;
        private int _count;
        private int _scanned;
        private bool _isRequest;
        private string? _method;

        public Frame(ReadOnlySpan<byte> data, bool isDatagram, SipParserLimits limits)
        {
            _data = data;
            _isDatagram = isDatagram;
            _limits = limits;
            _entries = ArrayPool<SipHeaderEntry>.Shared.Rent(Math.Min(limits.MaxHeaderCount, 4096) + 1);
            _isRequest = !(data.Length >= 4 && Ascii.EqualsIgnoreCase(data[..4], "SIP/"u8));
        }

        public int MessageEnd { get; private set; }

        public void Dispose()
        {
            if (_entries.Length > 0)
            {
                // Only the used slots hold string references worth clearing; the rest are already default.
                Array.Clear(_entries, 0, _count);
                ArrayPool<SipHeaderEntry>.Shared.Return(_entries);
                _entries = [];
            }
        }

        public SipParseStatus Run(out SipMessage? message)
        {
            message = null;
            if (_isDatagram && _data.Length > _limits.MaxMessageBytes)
            {
                SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
            }

            // Start line.
            var lf = _data.IndexOf((byte)'\n');
            int lineEnd;
            int headersStart;
            if (lf < 0)
            {
                if (!_isDatagram)
                {
                    if (_data.Length > _limits.MaxLineLength)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Start Line Too Long");
                    }

                    return SipParseStatus.NeedMoreData;
                }

                lineEnd = _data.Length;
                headersStart = _data.Length;
            }
            else
            {
                if (lf == 0 || _data[lf - 1] != '\r')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare LF In Start Line");
                }

                lineEnd = lf - 1;
                headersStart = lf + 1;
            }

            if (lineEnd > _limits.MaxLineLength)
            {
                SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Start Line Too Long");
            }

            StartLine start;
            try
            {
                start = ParseStartLine(_data[..lineEnd]);
            }
            catch (SipParseException)
            {
                // Read the headers anyway so that the 400 can copy Via, From, To, Call-ID and CSeq.
                try
                {
                    ScanHeaders(headersStart, out _);
                }
                catch (SipParseException)
                {
                    // The start-line fault is the one reported.
                }

                throw;
            }

            if (ScanHeaders(headersStart, out var bodyStart) == SipParseStatus.NeedMoreData)
            {
                return SipParseStatus.NeedMoreData;
            }

            var contentLength = -1;
            CheckSingleValueHeaders(ref contentLength);

            var available = _data.Length - bodyStart;
            int end;
            if (contentLength >= 0)
            {
                if (contentLength > _limits.MaxBodyBytes)
                {
                    SipParseThrow.Reject(SipParseErrorReason.BodyTooLarge, "Body Too Large");
                }

                if ((long)bodyStart + contentLength > _limits.MaxMessageBytes)
                {
                    SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
                }

                if (available < contentLength)
                {
                    if (_isDatagram)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.TruncatedBody, "Body Shorter Than Content-Length");
                    }

                    return SipParseStatus.NeedMoreData;
                }

                end = bodyStart + contentLength;
            }
            else
            {
                if (!_isDatagram)
                {
                    SipParseThrow.Reject(SipParseErrorReason.MissingContentLength, "Missing Content-Length");
                }

                if (available > _limits.MaxBodyBytes)
                {
                    SipParseThrow.Reject(SipParseErrorReason.BodyTooLarge, "Body Too Large");
                }

                end = _data.Length;
            }

            if (_limits.ValidateHeaderSyntax)
            {
                ValidateCoreSyntax(start);
            }

            MessageEnd = end;
            message = Build(start, bodyStart, end);
            return SipParseStatus.Complete;
        }

        private readonly SipMessage Build(in StartLine start, int bodyStart, int end)
        {
            var copy = _data[..end].ToArray();
            var entries = new SipHeaderEntry[_count];
            Array.Copy(_entries, entries, _count);
            var headers = new SipHeaderCollection(copy, entries, _count);
            var body = new ReadOnlyMemory<byte>(copy, bodyStart, end - bodyStart);
            if (start.IsRequest)
            {
                // The Request-URI string is decoded from the copy only when first read.
                return new SipRequest(start.Method!, copy, start.UriStart, start.UriLength, headers, body) { Version = start.Version };
            }

            return new SipResponse(start.StatusCode, start.Reason!, headers, body) { Version = start.Version };
        }

        // Checked in this order so that a message with several faults always reports the same one.
        private static readonly string[] CoreHeaders =
        [
            SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq,
            SipHeaderNames.MaxForwards, SipHeaderNames.Contact,
        ];

        /// <summary>
        /// Strict mode: checks the Request-URI and the core headers on the received bytes without building any
        /// typed value (those are parsed lazily on first access).
        /// </summary>
        private readonly void ValidateCoreSyntax(in StartLine start)
        {
            Span<char> stack = stackalloc char[512];
            char[]? rented = null;
            try
            {
                if (start.IsRequest)
                {
                    var uri = Decode(_data.Slice(start.UriStart, start.UriLength), folded: false, stack, ref rented);
                    if (!SipUri.IsValid(uri, out var hasHeaders))
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Malformed Request-URI");
                    }

                    if (hasHeaders)
                    {
                        // RFC 3261 19.1.5: headers are not allowed in a Request-URI.
                        SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Headers Not Allowed In Request-URI");
                    }
                }

                // One pass over the index. A fault is reported for the earliest header in CoreHeaders order (and its
                // first line), exactly as if each header were checked in turn; later-ranked headers are skipped once
                // an earlier-ranked one has failed.
                var failedRank = CoreHeaders.Length;
                for (var i = 0; i < _count; i++)
                {
                    ref readonly var entry = ref _entries[i];
                    var rank = RankOf(entry.Name);
                    if (rank >= failedRank)
                    {
                        continue;
                    }

                    var value = Decode(_data.Slice(entry.ValueStart, entry.ValueLength), entry.Folded, stack, ref rented);
                    if (!IsValidCoreHeader(rank, value))
                    {
                        failedRank = rank;
                    }
                }

                if (failedRank < CoreHeaders.Length)
                {
                    var header = CoreHeaders[failedRank];
                    SipParseThrow.Reject(ReasonFor(header), "Malformed " + header + " Header");
                }
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        }

        /// <summary>Position in <see cref="CoreHeaders"/>; names are interned, so reference checks suffice. Others rank last.</summary>
        private static int RankOf(string? name) =>
            name is null ? CoreHeaders.Length
            : ReferenceEquals(name, SipHeaderNames.Via) ? 0
            : ReferenceEquals(name, SipHeaderNames.From) ? 1
            : ReferenceEquals(name, SipHeaderNames.To) ? 2
            : ReferenceEquals(name, SipHeaderNames.CallId) ? 3
            : ReferenceEquals(name, SipHeaderNames.CSeq) ? 4
            : ReferenceEquals(name, SipHeaderNames.MaxForwards) ? 5
            : ReferenceEquals(name, SipHeaderNames.Contact) ? 6
            : CoreHeaders.Length;

        private static bool IsValidCoreHeader(int rank, ReadOnlySpan<char> value) => rank switch
        {
            0 => SipVia.TryParseList(value, null),
            1 or 2 => SipNameAddr.IsValid(value),
            3 => SipSyntax.IsCallId(value.Trim(' ')),
            4 => SipCSeq.IsValid(value),
            5 => SipSyntax.TryParseUInt32(value.Trim(' '), out var hops) && hops <= 255,
            _ => SipContact.TryParseList(value, null),
        };

        /// <summary>
        /// UTF-8 to chars with folding CR/LF turned into spaces (the grammar treats both as LWS). Only a folded
        /// value can hold CR or LF (the header scan rejects them anywhere else), and ASCII needs no decoder.
        /// </summary>
        private static ReadOnlySpan<char> Decode(ReadOnlySpan<byte> bytes, bool folded, Span<char> stack, ref char[]? rented)
        {
            var target = stack;
            if (bytes.Length > stack.Length)
            {
                if (rented is null || rented.Length < bytes.Length)
                {
                    if (rented is not null)
                    {
                        ArrayPool<char>.Shared.Return(rented);
                    }

                    rented = ArrayPool<char>.Shared.Rent(bytes.Length);
                }

                target = rented;
            }

            int written;
            if (Ascii.ToUtf16(bytes, target, out written) != OperationStatus.Done)
            {
                written = Encoding.UTF8.GetChars(bytes, target);
            }

            var chars = target[..written];
            if (folded)
            {
                chars.Replace('\r', ' ');
                chars.Replace('\n', ' ');
            }

            return chars;
        }

        private static SipParseErrorReason ReasonFor(string header) => header switch
        {
            SipHeaderNames.Via => SipParseErrorReason.InvalidVia,
            SipHeaderNames.From => SipParseErrorReason.InvalidFrom,
            SipHeaderNames.To => SipParseErrorReason.InvalidTo,
            SipHeaderNames.CallId => SipParseErrorReason.InvalidCallId,
            SipHeaderNames.CSeq => SipParseErrorReason.InvalidCSeq,
            SipHeaderNames.MaxForwards => SipParseErrorReason.InvalidMaxForwards,
            _ => SipParseErrorReason.InvalidContact,
        };

        private StartLine ParseStartLine(ReadOnlySpan<byte> line)
        {
            var result = default(StartLine);
            var sp1 = line.IndexOf((byte)' ');
            if (sp1 <= 0)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Malformed Start Line");
            }

            if (!_isRequest)
            {
                // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
                result.Version = ParseVersion(line[..sp1]);
                var rest = line[(sp1 + 1)..];
                if (rest.Length < 3 || !IsDigits(rest[..3]) || (rest.Length > 3 && rest[3] != ' ') || rest[0] == '0')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidStatusCode, "Status Code Must Be Three Digits");
                }

                result.StatusCode = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
                if (result.StatusCode > 699)
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidStatusCode, "Status Code Out Of Range");
                }

                var reason = rest.Length > 4 ? rest[4..] : default;
                if (reason.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR In Reason Phrase");
                }

                result.Reason = reason.IsEmpty ? string.Empty : Encoding.UTF8.GetString(reason);
                return result;
            }

            // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP between elements.
            var method = line[..sp1];
            if (method.ContainsAnyExcept(TokenBytes))
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidMethod, "Malformed Method");
            }

            _method = result.Method = SipMethods.Intern(method);
            result.IsRequest = true;
            var afterMethod = line[(sp1 + 1)..];
            var sp2 = afterMethod.IndexOf((byte)' ');
            if (sp2 == 0)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Multiple SP In Request-Line");
            }

            if (sp2 < 0)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Malformed Request-Line");
            }

            var versionPart = afterMethod[(sp2 + 1)..];
            if (versionPart.Length > 0 && versionPart[^1] == ' ')
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidStartLine, "Trailing SP In Request-Line");
            }

            if (versionPart.Contains((byte)' '))
            {
                // "sip:user@example.com; lr SIP/2.0": the URI itself holds LWS.
                SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Whitespace In Request-URI");
            }

            var uri = afterMethod[..sp2];
            if (uri.ContainsAny(UriForbidden) || uri[0] == '<')
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidRequestUri, "Malformed Request-URI");
            }

            result.UriStart = sp1 + 1;
            result.UriLength = sp2;
            result.Version = ParseVersion(versionPart);
            return result;
        }

        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT
        private static string ParseVersion(ReadOnlySpan<byte> version)
        {
            if (version.SequenceEqual("SIP/2.0"u8))
            {
                return "SIP/2.0";
            }

            var dot = version.IndexOf((byte)'.');
            if (version.Length < 7 || !Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8) || dot < 5
                || !IsDigits(version[4..dot]) || !IsDigits(version[(dot + 1)..]))
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidVersion, "Malformed SIP-Version");
            }

            return "SIP/" + Encoding.ASCII.GetString(version[4..]);
        }

        private static bool IsDigits(ReadOnlySpan<byte> span)
        {
            if (span.IsEmpty)
            {
                return false;
            }

            foreach (var b in span)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }
            }

            return true;
        }

        private SipParseStatus ScanHeaders(int pos, out int bodyStart)
        {
            bodyStart = 0;
            var data = _data;
            while (true)
            {
                if (!_isDatagram && pos > _limits.MaxMessageBytes)
                {
                    SipParseThrow.Reject(SipParseErrorReason.MessageTooLarge, "Message Too Large");
                }

                if (pos >= data.Length)
                {
                    if (!_isDatagram)
                    {
                        return SipParseStatus.NeedMoreData;
                    }

                    // End of datagram ends the headers even without the empty line.
                    bodyStart = data.Length;
                    return SipParseStatus.Complete;
                }

                if (data[pos] == '\r')
                {
                    if (pos + 1 >= data.Length)
                    {
                        if (!_isDatagram)
                        {
                            return SipParseStatus.NeedMoreData;
                        }

                        SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                    }

                    if (data[pos + 1] != '\n')
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                    }

                    bodyStart = pos + 2;
                    return SipParseStatus.Complete;
                }

                // One scan finds the line end and any bare CR or LF before it.
                var rel = data[pos..].IndexOfAny((byte)'\r', (byte)'\n');
                int contentEnd;
                int next;
                if (rel < 0)
                {
                    if (data.Length - pos > _limits.MaxLineLength)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Header Line Too Long");
                    }

                    if (!_isDatagram)
                    {
                        return SipParseStatus.NeedMoreData;
                    }

                    contentEnd = data.Length;
                    next = data.Length;
                }
                else
                {
                    contentEnd = pos + rel;
                    if (data[contentEnd] == '\n')
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare LF");
                    }

                    if (contentEnd + 1 >= data.Length)
                    {
                        if (!_isDatagram)
                        {
                            return SipParseStatus.NeedMoreData;
                        }

                        SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                    }

                    if (data[contentEnd + 1] != '\n')
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidLineEnding, "Bare CR");
                    }

                    next = contentEnd + 2;
                    if (contentEnd - pos > _limits.MaxLineLength)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.LineTooLong, "Header Line Too Long");
                    }

                    // A header's last line is only complete once we know the next line is not a continuation.
                    if (!_isDatagram && next >= data.Length)
                    {
                        return SipParseStatus.NeedMoreData;
                    }
                }

                var line = data[pos..contentEnd];
                var valueEnd = contentEnd;
                while (valueEnd > pos && data[valueEnd - 1] is (byte)' ' or (byte)'\t')
                {
                    valueEnd--;
                }

                if (line[0] is (byte)' ' or (byte)'\t')
                {
                    // Continuation line (folding): extends the previous header's value.
                    if (_count == 0)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Continuation Line Without Header");
                    }

                    ref var last = ref _entries[_count - 1];
                    if (valueEnd > pos)
                    {
                        last.ValueLength = valueEnd - last.ValueStart;
                        last.Folded = true;
                    }
                }
                else
                {
                    var nameEnd = line.IndexOfAnyExcept(TokenBytes);
                    if (nameEnd <= 0)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Malformed Header Line");
                    }

                    var i = nameEnd;
                    while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                    {
                        i++;
                    }

                    if (i >= line.Length || line[i] != ':')
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidHeaderLine, "Malformed Header Line");
                    }

                    i++;
                    while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
                    {
                        i++;
                    }

                    if (_count >= _limits.MaxHeaderCount)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.TooManyHeaders, "Too Many Header Fields");
                    }

                    var valueStart = pos + i;
                    _entries[_count++] = new SipHeaderEntry
                    {
                        Name = SipHeaderNames.Lookup(line[..nameEnd]),
                        NameStart = pos,
                        NameLength = nameEnd,
                        ValueStart = valueStart,
                        ValueLength = Math.Max(0, valueEnd - valueStart),
                    };
                }

                _scanned = contentEnd;
                pos = next;
            }
        }

        private readonly void CheckSingleValueHeaders(ref int contentLength)
        {
            // Bits: Call-ID, From, To, CSeq, Max-Forwards.
            var seen = 0;
            var contentLengths = 0;
            for (var i = 0; i < _count; i++)
            {
                var name = _entries[i].Name;
                if (name is null)
                {
                    continue;
                }

                var bit = ReferenceEquals(name, SipHeaderNames.CallId) ? 1
                    : ReferenceEquals(name, SipHeaderNames.From) ? 2
                    : ReferenceEquals(name, SipHeaderNames.To) ? 4
                    : ReferenceEquals(name, SipHeaderNames.CSeq) ? 8
                    : ReferenceEquals(name, SipHeaderNames.MaxForwards) ? 16
                    : 0;
                if (bit != 0)
                {
                    if ((seen & bit) != 0)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.DuplicateHeader, "Duplicate " + name + " Header");
                    }

                    seen |= bit;
                }
                else if (ReferenceEquals(name, SipHeaderNames.ContentLength))
                {
                    if (++contentLengths > 1)
                    {
                        SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Duplicate Content-Length Header");
                    }

                    contentLength = ParseContentLength(_data.Slice(_entries[i].ValueStart, _entries[i].ValueLength));
                }
            }
        }

        private static int ParseContentLength(ReadOnlySpan<byte> raw)
        {
            raw = raw.Trim(" \t\r\n"u8);
            if (raw.IsEmpty || raw.Length > 10)
            {
                SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length");
            }

            long value = 0;
            foreach (var b in raw)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    SipParseThrow.Reject(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length");
                }

                value = (value * 10) + (b - '0');
            }

            return value > int.MaxValue
                ? SipParseThrow.Reject<int>(SipParseErrorReason.InvalidContentLength, "Malformed Content-Length")
                : (int)value;
        }

        /// <summary>Turns a rejection into an error carrying whatever Via/From/To/Call-ID/CSeq lines were read.</summary>
        public readonly SipParseError BuildError(SipParseException ex)
        {
            var error = new SipParseError(ex.Reason, ex.Message) { IsRequest = _isRequest, Method = _method };
            SipHeaderCollection headers;
            {
                var extent = 0;
                for (var i = 0; i < _count; i++)
                {
                    extent = Math.Max(extent, _entries[i].ValueStart + _entries[i].ValueLength);
                    extent = Math.Max(extent, _entries[i].NameStart + _entries[i].NameLength);
                }

                extent = Math.Min(Math.Max(extent, _scanned), _data.Length);
                var entries = new SipHeaderEntry[_count];
                Array.Copy(_entries, entries, _count);
                headers = new SipHeaderCollection(_data[..extent].ToArray(), entries, _count);
            }

            error.Vias = headers.GetAll(SipHeaderNames.Via);
            error.From = headers.Get(SipHeaderNames.From);
            error.To = headers.Get(SipHeaderNames.To);
            error.CallId = headers.Get(SipHeaderNames.CallId);
            error.CSeq = headers.Get(SipHeaderNames.CSeq);
            return error;
        }
    }

    private struct StartLine
    {
        public bool IsRequest;
        public string? Method;
        public int UriStart;
        public int UriLength;
        public string Version;
        public int StatusCode;
        public string? Reason;
    }
}
