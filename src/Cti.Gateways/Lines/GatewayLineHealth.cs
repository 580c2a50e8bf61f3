using Cti.Gateways.At;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// A line's health as the worker and the module report it: port up or down, signal and registration, and service
/// taken away or given back (by an operator, or by the worker after repeated stalls). Runs on the line's loop only.
/// </summary>
internal sealed partial class GatewayLineHealth(GatewayLineContext line, GatewayCallControl calls)
{
    private TaskCompletionSource? _resumeAfterOutOfService;

    public void OnPortUp(GatewayLineMessage.PortUp up)
    {
        var state = line.State;
        line.Executor = up.Executor;
        state.PortStatus = GatewayLineStatus.Up;
        state.PortReason = null;
        state.SignalDbm = up.SignalDbm ?? state.SignalDbm;
        state.Registration = up.Registration ?? state.Registration;
        state.SimState = up.SimState ?? state.SimState;
        line.Metrics.SetUp(line.Name, state.Status == GatewayLineStatus.Up);
        line.Metrics.SetSignal(line.Name, state.SignalDbm);
        Log.LineUp(line.Logger, line.Name, state.SignalDbm, state.Registration);
    }

    public void OnPortDown(GatewayLineMessage.PortDown down)
    {
        var state = line.State;
        line.Executor = null;
        state.PortStatus = down.Resume is null ? GatewayLineStatus.Down : GatewayLineStatus.OutOfService;
        state.PortReason = down.Reason;
        state.LastError = down.Reason;
        line.Metrics.SetUp(line.Name, false);
        if (down.Resume is not null)
        {
            _resumeAfterOutOfService?.TrySetCanceled();
            _resumeAfterOutOfService = down.Resume;
            line.Metrics.CountError(line.Name, GatewayErrorReasons.OutOfService);
        }

        Log.LineDown(line.Logger, line.Name, down.Reason);
        calls.EndCall(GatewayCallEndReason.LineFailure, down.Reason);
    }

    public void OnHealthUpdate(GatewayLineMessage.HealthUpdate health)
    {
        line.State.SignalDbm = health.SignalDbm ?? line.State.SignalDbm;
        line.State.Registration = health.Registration ?? line.State.Registration;
        line.Metrics.SetSignal(line.Name, line.State.SignalDbm);
    }

    /// <summary>Unsolicited +CREG.</summary>
    public void OnRegistration(AtLine creg) =>
        line.State.Registration = AtResponseParser.ParseCreg(creg, isQueryResponse: false) ?? line.State.Registration;

    /// <summary>Unsolicited +CSQ.</summary>
    public void OnSignal(AtLine csq)
    {
        line.State.SignalDbm = AtResponseParser.ParseCsqDbm(csq) ?? line.State.SignalDbm;
        line.Metrics.SetSignal(line.Name, line.State.SignalDbm);
    }

    /// <summary>An unsolicited ERROR, +CME ERROR or +CMS ERROR.</summary>
    public void OnModuleError(AtLine error) => line.State.LastError = error.Text;

    public void TakeOutOfService(GatewayLineMessage.SetOutOfService request)
    {
        line.State.ManualOutOfServiceReason = request.Reason;
        line.Metrics.SetUp(line.Name, false);
        Log.ManualOutOfService(line.Logger, line.Name, request.Reason);
        line.Defer(request.Completion, line.BuildSnapshot());
    }

    public void PutInService(GatewayLineMessage.SetInService request)
    {
        var state = line.State;
        state.ManualOutOfServiceReason = null;
        if (_resumeAfterOutOfService is { } resume)
        {
            _resumeAfterOutOfService = null;
            state.PortStatus = GatewayLineStatus.Starting;
            state.PortReason = "reopening after being put back in service";
            line.Defer(resume);
        }

        line.Metrics.SetUp(line.Name, state.Status == GatewayLineStatus.Up);
        line.Defer(request.Completion, line.BuildSnapshot());
    }
}
