using System.Buffers;
using System.Globalization;
using System.Text;
using Cti.Sip.Messages;

namespace Cti.Sip.Serialization;

/// <summary>
/// Writes a message in canonical form: full header names, CRLF line ends, no folding, and a Content-Length
/// recomputed from the body (any Content-Length header on the message is ignored).
/// </summary>
public static class SipMessageWriter
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        switch (message)
        {
            case SipRequest request:
                WriteText(output, request.Method);
                WriteByte(output, (byte)' ');
                WriteText(output, request.RequestUriText);
                WriteByte(output, (byte)' ');
                WriteText(output, request.Version);
                break;
            case SipResponse response:
                WriteText(output, response.Version);
                WriteByte(output, (byte)' ');
                WriteText(output, response.StatusCode.ToString("D3", CultureInfo.InvariantCulture));
                WriteByte(output, (byte)' ');
                WriteText(output, response.ReasonPhrase);
                break;
            default:
                throw new ArgumentException("Unknown message type.", nameof(message));
        }

        output.Write(Crlf);
        var headers = message.Headers;
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers.NameAt(i);
            if (string.Equals(name, SipHeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            WriteText(output, name);
            output.Write(": "u8);
            if (headers.TryGetRawValue(i, out var raw))
            {
                output.Write(raw);
            }
            else
            {
                WriteText(output, headers.ValueAt(i));
            }

            output.Write(Crlf);
        }

        output.Write("Content-Length: "u8);
        WriteText(output, message.Body.Length.ToString(CultureInfo.InvariantCulture));
        output.Write(Crlf);
        output.Write(Crlf);
        output.Write(message.Body.Span);
    }

    public static byte[] ToBytes(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new ArrayBufferWriter<byte>(512 + message.Body.Length);
        Write(message, writer);
        return writer.WrittenSpan.ToArray();
    }

    private static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }
}
