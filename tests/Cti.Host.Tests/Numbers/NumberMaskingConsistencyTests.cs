using System.Text.Json;
using Cti.Gateways.At;
using Cti.Cdrs;
using Cti.Events;
using Cti.Host.Tests.Cdrs;
using Cti.Numbers;

namespace Cti.Host.Tests.Numbers;

/// <summary>
/// One number, every place the service shows it masked: the CDR API, the event stream, the lead API (a normalised
/// lead's masked phone) and the gateway's AT trace must agree character for character.
/// </summary>
public sealed class NumberMaskingConsistencyTests
{
    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("010 6552 9988", "+861065529988")]
    [InlineData("+4930123456", "+4930123456")]
    [InlineData("+16502530000", "+16502530000")]
    public void Mask_CdrEventLeadAndGatewayViews_Identical(string raw, string e164)
    {
        Assert.True(new PhoneNumberNormalizer("CN").TryNormalize(raw, out var lead, out var reason), reason);
        Assert.Equal(e164, lead!.E164);

        var cdr = CdrView.Create(CdrSamples.Answered("c1", 0) with { From = e164 }, fullNumbers: false).From;
        using var eventJson = JsonDocument.Parse(Masking.MaskEventJson("""{"type":"call.offered","data":{"from":""" + "\"" + e164 + "\"}}"));
        var fromEvent = eventJson.RootElement.GetProperty("data").GetProperty("from").GetString();
        var gateway = AtCommand.Dial(e164).LogText["ATD".Length..^1];

        Assert.Equal(lead.Masked, cdr);
        Assert.Equal(lead.Masked, fromEvent);
        Assert.Equal(lead.Masked, gateway);
        Assert.DoesNotContain(e164, lead.Masked, StringComparison.Ordinal);
    }
}
