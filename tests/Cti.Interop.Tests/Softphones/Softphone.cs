using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Softphones;

/// <summary>One row of the matrix: a real phone registered as an agent over one transport, auto-answering.</summary>
internal sealed class Softphone : IAsyncDisposable
{
    private readonly BaresipAgent? _baresip;
    private readonly LinphoneAgent? _linphone;
    private int _baresipMark;
    private int _linphoneMark;

    private Softphone(BaresipAgent? baresip, LinphoneAgent? linphone)
    {
        _baresip = baresip;
        _linphone = linphone;
    }

    public string Output => _baresip?.Output ?? _linphone!.Output;

    public static Softphone Start(string phone, string transport, string extension, string password, int registrarPort) => phone switch
    {
        "baresip" => new Softphone(BaresipAgent.Start(extension, password, registrarPort, transport), null),
        "linphone" => new Softphone(null, LinphoneAgent.Start(extension, password, registrarPort, transport)),
        _ => throw new ArgumentException($"unknown phone {phone}", nameof(phone)),
    };

    /// <summary>Only calls connected after this point count for <see cref="WaitConnectedAsync"/>.</summary>
    public void Mark()
    {
        _baresipMark = _baresip?.EventCount ?? 0;
        _linphoneMark = _linphone?.LineCount ?? 0;
    }

    /// <summary>Waits until a call (in or out) is established on the phone.</summary>
    public Task WaitConnectedAsync(TimeSpan timeout) => _baresip is not null
        ? _baresip.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, timeout, _baresipMark)
        : _linphone!.WaitForLineAsync(" connected.", timeout, _linphoneMark);

    public Task DialAsync(string uri) => _baresip?.DialAsync(uri) ?? _linphone!.DialAsync(uri);

    public Task HangUpAsync() => _baresip?.HangUpAsync() ?? _linphone!.HangUpAsync();

    public async ValueTask DisposeAsync()
    {
        if (_baresip is not null)
        {
            await _baresip.DisposeAsync();
        }

        if (_linphone is not null)
        {
            await _linphone.DisposeAsync();
        }
    }
}
