using Cti.Calls;

namespace Cti.Calls.Tests;

public sealed class Q850CausesTests
{
    [Theory]
    [InlineData(200, 16)]
    [InlineData(202, 16)]
    [InlineData(404, 1)]
    [InlineData(484, 1)]
    [InlineData(408, 102)]
    [InlineData(480, 18)]
    [InlineData(486, 17)]
    [InlineData(600, 17)]
    [InlineData(487, 16)]
    [InlineData(488, 88)]
    [InlineData(606, 88)]
    [InlineData(403, 21)]
    [InlineData(603, 21)]
    [InlineData(500, 41)]
    [InlineData(503, 41)]
    [InlineData(400, 31)]
    [InlineData(302, 31)]
    public void FromSipStatus_CommonStatuses_Rfc3398Cause(int status, int cause)
    {
        Assert.Equal(cause, Q850Causes.FromSipStatus(status));
    }

    [Theory]
    [InlineData("Q.850;cause=16;text=\"Normal call clearing\"", 16)]
    [InlineData("Q.850;cause=17", 17)]
    [InlineData("  q.850 ;CAUSE=127", 127)]
    [InlineData("Q.850;text=\"x\";cause=1", 1)]
    [InlineData("Q.850;cause=34abc", 34)]
    public void FromReasonHeader_Q850Cause_Parsed(string header, int cause)
    {
        Assert.Equal(cause, Q850Causes.FromReasonHeader(header));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SIP;cause=200;text=\"Call completed elsewhere\"")]
    [InlineData("Q.850")]
    [InlineData("Q.850;text=\"no cause\"")]
    [InlineData("Q.850;cause=")]
    [InlineData("Q.850;cause=abc")]
    [InlineData("Q.850;cause=0")]
    [InlineData("Q.850;cause=128")]
    [InlineData("Q.850;cause=-5")]
    [InlineData("Q.850;cause=99999999999999999999")]
    [InlineData("garbage\u0000\u00ff;cause=16")]
    public void FromReasonHeader_MissingOrInvalid_Null(string? header)
    {
        Assert.Null(Q850Causes.FromReasonHeader(header));
    }
}
