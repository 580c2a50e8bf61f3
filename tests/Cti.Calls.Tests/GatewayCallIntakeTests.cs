using Cti.Gateways.Lines;
using Cti.Numbers;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Calls.Tests;

public sealed class GatewayCallIntakeTests
{
    [Fact]
    public void OnIncoming_LineWithoutQueue_RingingCallRejectedAndNoCallStarted()
    {
        var registry = new CallRegistry();
        // No call services: starting a call here would throw, so the test also proves none was attempted.
        var intake = new GatewayCallIntake(new CallFactory(null!, registry), null!, new PhoneNumberNormalizer(), NullLogger<GatewayCallIntake>.Instance);
        var line = new RecordingLine();

        intake.OnIncoming(line, new GatewayIncomingCallEventArgs("gsm9", null, "13812345678", DateTimeOffset.UnixEpoch));

        Assert.Equal(1, line.Hangups);
        Assert.Equal(0, line.Answers);
        Assert.Equal(0, registry.Count);
    }

    private sealed class RecordingLine : IGatewayLine
    {
        public int Hangups { get; private set; }

        public int Answers { get; private set; }

        public string Name => "gsm9";

        public string Group => "outbound-only";

        public string AudioEndpoint => "sip:ch9@127.0.0.1";

        public string? Queue => null;

        public GatewayLineSnapshot State => throw new NotSupportedException();

        public bool IsAvailable => true;

        public event EventHandler<GatewayIncomingCallEventArgs>? IncomingCall { add { } remove { } }

        public event EventHandler<GatewayCallEndedEventArgs>? CallEnded { add { } remove { } }

        public Task<GatewayDialResult> DialAsync(string e164Number, TimeSpan ringTimeout, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GatewayCommandResult> AnswerAsync(CancellationToken cancellationToken)
        {
            Answers++;
            return Task.FromResult(GatewayCommandResult.Ok);
        }

        public Task<GatewayCommandResult> HangupAsync(CancellationToken cancellationToken)
        {
            Hangups++;
            return Task.FromResult(GatewayCommandResult.Ok);
        }

        public Task<GatewayCommandResult> SendDtmfAsync(string digits, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
