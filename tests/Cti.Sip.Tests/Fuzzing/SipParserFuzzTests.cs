using System.Buffers;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Tests.Parsing;
using Cti.Sip.Serialization;
using Cti.Sip.Tests.Conformance;
using Cti.Sip.Validation;
using CsCheck;

namespace Cti.Sip.Tests.Fuzzing;

/// <summary>
/// Mutated RFC 4475 and typical messages (byte flips, truncations, insertions, deletions, duplicated header lines)
/// must only ever produce a message or an error: no exception from the parser, the typed accessors, the validator
/// or the writer.
/// </summary>
public sealed class SipParserFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly byte[][] Seeds =
        [.. Rfc4475Corpus.AllNames().Select(Rfc4475Corpus.Load), SipSamples.InviteBytes, SipSamples.RegisterBytes];

    private static readonly Gen<(int Kind, int Position, byte Value, int Length)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64]);

    private static readonly Gen<(int Seed, (int Kind, int Position, byte Value, int Length)[] Mutations)> Case =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Mutation.Array[1, 6]);

    [Fact]
    public void ParseDatagram_MutatedMessages_NeverThrows()
    {
        var parsed = 0;
        Case.Sample(
            c =>
            {
                var bytes = Mutate(Seeds[c.Seed], c.Mutations);
                var result = SipMessageParser.ParseDatagram(bytes);
                if (result.IsSuccess)
                {
                    parsed++;
                    Exercise(result.Message);
                }
                else
                {
                    Assert.InRange(result.Error!.StatusCode, 400, 599);
                    _ = result.Error.CreateErrorResponse("t");
                }
            },
            iter: Iterations,
            threads: 1);

        // The mutations are small enough that many messages still parse, so the accessors really were exercised.
        Assert.True(parsed > 0);
    }

    [Fact]
    public void TryParseStream_MutatedMessages_NeverThrowsAndNeverOverConsumes()
    {
        Case.Sample(
            c =>
            {
                var bytes = Mutate(Seeds[c.Seed], c.Mutations);
                var buffer = new ReadOnlySequence<byte>(bytes);
                while (true)
                {
                    var before = buffer.Length;
                    var status = SipMessageParser.TryParseStream(ref buffer, null, out var message, out _);
                    if (status != SipParseStatus.Complete)
                    {
                        Assert.Equal(before, buffer.Length);
                        break;
                    }

                    Assert.True(buffer.Length < before);
                    Exercise(message!);
                }
            },
            iter: Iterations / 4,
            threads: 1);
    }

    private static void Exercise(SipMessage message)
    {
        // The parser's allocation-free syntax check and the typed parsers must agree on every accepted message.
        if (message is SipRequest { RequestUriText: var uriText })
        {
            Assert.True(SipUri.TryParse(uriText, out _), uriText);
        }

        Assert.True(!message.Headers.Contains(SipHeaderNames.Via) || message.Vias.Count > 0);
        Assert.True(!message.Headers.Contains(SipHeaderNames.From) || message.From is not null);
        Assert.True(!message.Headers.Contains(SipHeaderNames.To) || message.To is not null);
        Assert.True(!message.Headers.Contains(SipHeaderNames.CSeq) || message.CSeq is not null);
        Assert.True(!message.Headers.Contains(SipHeaderNames.MaxForwards) || message.MaxForwards is not null);
        Assert.True(!message.Headers.Contains(SipHeaderNames.Contact) || message.Contacts.Count > 0);

        _ = message.Vias.Select(v => (v.ToString(), v.Branch, v.RPort, v.Ttl, v.HasMagicCookie)).ToList();
        _ = (message.From?.ToString(), message.To?.ToString(), message.CallId, message.CSeq, message.MaxForwards, message.Expires);
        _ = message.Contacts.Select(c => (c.ToString(), c.Expires, c.Q)).ToList();
        _ = (message.Require, message.Supported, message.ProxyRequire, message.Accept, message.ContentType, message.Routes, message.RecordRoutes);
        _ = message.Headers.ToList();
        if (message is SipRequest request)
        {
            _ = request.RequestUri.ToString();
            var failure = SipRequestValidator.Validate(request, SipValidationPolicy.Default);
            _ = failure?.CreateResponse(request, "t");
            _ = SipResponseFactory.Create(request, 200, toTag: "t", copyRecordRoute: true);
        }

        // Whatever the parser accepted, the writer's canonical form is accepted again.
        var reparsed = SipMessageParser.ParseDatagram(SipMessageWriter.ToBytes(message));
        Assert.True(reparsed.IsSuccess, reparsed.Error?.ToString());
    }

    private static byte[] Mutate(byte[] seed, (int Kind, int Position, byte Value, int Length)[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var (kind, position, value, length) in mutations)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            var at = position % bytes.Count;
            switch (kind)
            {
                case 0:
                    bytes[at] ^= (byte)(value | 1);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, value);
                    break;
                case 3:
                    DuplicateLine(bytes, at);
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(length, bytes.Count - at));
                    break;
            }
        }

        return [.. bytes];
    }

    private static void DuplicateLine(List<byte> bytes, int at)
    {
        var start = at;
        while (start > 0 && bytes[start - 1] != '\n')
        {
            start--;
        }

        var end = at;
        while (end < bytes.Count && bytes[end] != '\n')
        {
            end++;
        }

        if (end < bytes.Count)
        {
            var line = bytes.GetRange(start, end - start + 1);
            bytes.InsertRange(end + 1, line);
        }
    }
}
