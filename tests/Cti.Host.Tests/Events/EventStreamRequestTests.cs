using Cti.Events;
using Microsoft.AspNetCore.Http;

namespace Cti.Host.Tests.Events;

public sealed class EventStreamRequestTests
{
    private static HttpRequest Request(string query, string? lastEventId = null)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        if (lastEventId is not null)
        {
            context.Request.Headers["Last-Event-ID"] = lastEventId;
        }

        return context.Request;
    }

    [Fact]
    public void Parse_HeaderAndQuery_HeaderWins()
    {
        var (request, _) = EventStreamRequest.Parse(Request("?since=5&types=agent.state,call.ended", "9"));

        Assert.NotNull(request);
        Assert.Equal(9, request.Since);
        Assert.True(request.Matches("call.ended"));
        Assert.False(request.Matches("call.queued"));
    }

    [Fact]
    public void Parse_EverythingWrong_EveryErrorListed()
    {
        var (request, errors) = EventStreamRequest.Parse(Request("?types=agent.state,bogus&limit=5000", "abc"));

        Assert.Null(request);
        Assert.Equal(["Last-Event-ID", "limit", "types"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("bogus", Assert.Single(errors["types"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void Parse_BadSince_Error(string since)
    {
        var (request, errors) = EventStreamRequest.Parse(Request("?since=" + since));

        Assert.Null(request);
        Assert.True(errors.ContainsKey("since"));
    }
}
