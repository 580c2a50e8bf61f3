using System.Buffers;
using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Tests.Parsing;
using Cti.Sip.Serialization;
using Cti.Sip.Tests.Conformance;

namespace Cti.Sip.Tests.Serialization;

public sealed class SipMessageWriterTests
{
    public static TheoryData<string> AcceptedCorpusFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Rfc4475Corpus.AllNames())
            {
                if (SipMessageParser.ParseDatagram(Rfc4475Corpus.Load(name)).IsSuccess)
                {
                    data.Add(name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AcceptedCorpusFiles))]
    public void ToBytes_ParsedCorpusMessage_RoundTripsToEquivalentMessage(string file)
    {
        var first = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load(file)).Message!;
        var bytes = SipMessageWriter.ToBytes(first);
        var second = SipMessageParser.ParseDatagram(bytes);
        Assert.True(second.IsSuccess, second.Error?.ToString());

        // Canonical form is a fixed point.
        Assert.Equal(bytes, SipMessageWriter.ToBytes(second.Message));
        AssertEquivalent(first, second.Message);
    }

    [Fact]
    public void ToBytes_Invite_WritesCanonicalHeadersAndRecomputedContentLength()
    {
        var text = SipSamples.Invite.Replace("Content-Length: ", "l: ", StringComparison.Ordinal).Replace("Call-ID:", "i:", StringComparison.Ordinal);
        var message = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text)).Message!;
        var written = Encoding.ASCII.GetString(SipMessageWriter.ToBytes(message));
        Assert.Contains("\r\nCall-ID: 3848276298220188511@atlanta.example.com\r\n", written, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {SipSamples.Sdp.Length}\r\n\r\n", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\nl:", written, StringComparison.Ordinal);
        Assert.EndsWith(SipSamples.Sdp, written, StringComparison.Ordinal);
        Assert.StartsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FoldedHeader_WrittenOnOneLine()
    {
        var message = SipMessageParser.ParseDatagram("OPTIONS sip:a@b SIP/2.0\r\nSubject: one\r\n two\r\nl: 0\r\n\r\n"u8).Message!;
        var writer = new ArrayBufferWriter<byte>();
        SipMessageWriter.Write(message, writer);
        Assert.Contains("\r\nSubject: one two\r\n", Encoding.ASCII.GetString(writer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_BuiltResponse_HasStatusLineAndEmptyBody()
    {
        var response = new SipResponse(486);
        response.Headers.Add("v", "SIP/2.0/UDP h;branch=z9hG4bK1");
        var text = Encoding.ASCII.GetString(SipMessageWriter.ToBytes(response));
        Assert.Equal("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void ToBytes_BuiltRequestWithBody_ParsesBackOverStream()
    {
        var request = new SipRequest(SipMethods.Message, SipUri.Parse("sip:bob@example.com"))
        {
            Body = Encoding.UTF8.GetBytes("héllo"),
        };
        request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/TCP h;branch=z9hG4bK1");
        request.Headers.Add(SipHeaderNames.ContentType, "text/plain");
        var buffer = new ReadOnlySequence<byte>(SipMessageWriter.ToBytes(request));
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParseStream(ref buffer, null, out var parsed, out _));
        Assert.Equal("héllo", Encoding.UTF8.GetString(parsed!.Body.Span));
    }

    private static void AssertEquivalent(SipMessage expected, SipMessage actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        var expectedHeaders = expected.Headers.Where(h => h.Name != SipHeaderNames.ContentLength).ToList();
        var actualHeaders = actual.Headers.Where(h => h.Name != SipHeaderNames.ContentLength).ToList();
        Assert.Equal(expectedHeaders, actualHeaders);
        Assert.Equal(expected.Vias.Select(v => v.ToString()), actual.Vias.Select(v => v.ToString()));
        Assert.Equal(expected.From?.ToString(), actual.From?.ToString());
        Assert.Equal(expected.To?.ToString(), actual.To?.ToString());
        Assert.Equal(expected.CSeq, actual.CSeq);
        if (expected is SipRequest request)
        {
            Assert.Equal(request.Method, ((SipRequest)actual).Method);
            Assert.Equal(request.RequestUri.ToString(), ((SipRequest)actual).RequestUri.ToString());
        }
        else
        {
            Assert.Equal(((SipResponse)expected).StatusCode, ((SipResponse)actual).StatusCode);
            Assert.Equal(((SipResponse)expected).ReasonPhrase, ((SipResponse)actual).ReasonPhrase);
        }
    }
}
