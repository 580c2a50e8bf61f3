using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Cti.Dialer.Campaigns;

/// <summary>
/// Runs a <see cref="CampaignEngineCore"/> as a single-writer loop: producers post <see cref="CampaignCommand"/>s,
/// the loop applies them in order and writes dial requests to <see cref="DialRequests"/>. A TimeProvider timer posts
/// a tick every <see cref="TickInterval"/> so the pacer runs even when nothing else happens.
/// </summary>
public sealed partial class CampaignEngine : IAsyncDisposable
{
    private readonly Channel<CampaignCommand> _commands = Channel.CreateUnbounded<CampaignCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<DialRequest> _dialRequests = Channel.CreateUnbounded<DialRequest>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ILogger<CampaignEngine> _logger;
    private readonly ITimer _timer;

    public CampaignEngine(CampaignEngineCore core, TimeProvider time, ILogger<CampaignEngine> logger, TimeSpan? tickInterval = null)
    {
        Core = core ?? throw new ArgumentNullException(nameof(core));
        ArgumentNullException.ThrowIfNull(time);
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        TickInterval = tickInterval ?? TimeSpan.FromSeconds(1);
        _timer = time.CreateTimer(_ => _commands.Writer.TryWrite(new CampaignCommand.Tick()), null, TickInterval, TickInterval);
    }

    /// <summary>Owned by the loop; read it only from the loop or after it has stopped.</summary>
    public CampaignEngineCore Core { get; }

    public TimeSpan TickInterval { get; }

    public ChannelReader<DialRequest> DialRequests => _dialRequests.Reader;

    public bool Post(CampaignCommand command) => _commands.Writer.TryWrite(command);

    /// <summary>Applies commands until cancelled or <see cref="Complete"/> is called.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                Apply(command);
            }
#pragma warning disable CA1031 // One bad command must not stop the campaign loop; it is logged and the loop continues.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.CommandFailed(_logger, ex, Core.Config.CampaignId, command.GetType().Name);
            }
        }

        _dialRequests.Writer.TryComplete();
    }

    public void Complete() => _commands.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        Complete();
        await _timer.DisposeAsync();
    }

    private void Apply(CampaignCommand command)
    {
        IReadOnlyList<DialRequest> requests = [];
        switch (command)
        {
            case CampaignCommand.Start:
                Core.Start();
                Log.StateChanged(_logger, Core.Config.CampaignId, Core.RunState);
                requests = Core.Tick();
                break;
            case CampaignCommand.Pause:
                Core.Pause();
                Log.StateChanged(_logger, Core.Config.CampaignId, Core.RunState);
                break;
            case CampaignCommand.Stop:
                Core.Stop();
                Log.StateChanged(_logger, Core.Config.CampaignId, Core.RunState);
                break;
            case CampaignCommand.Tick:
                requests = Core.Tick();
                break;
            case CampaignCommand.AgentsChanged changed:
                requests = Core.UpdateAgents(changed.Agents);
                break;
            case CampaignCommand.Outcome outcome:
                Core.ReportOutcome(outcome.Report);
                break;
            case CampaignCommand.Disposition disposition:
                Core.ReportDisposition(disposition.Value);
                break;
            case CampaignCommand.AddLeads add:
                Core.AddLeads(add.Leads);
                requests = Core.Tick();
                break;
            case CampaignCommand.Inspect inspect:
                inspect.Visit(Core);
                break;
        }

        foreach (var request in requests)
        {
            Log.Dialling(_logger, request.CampaignId, request.CallId, request.MaskedNumber, request.LineGroup);
            _dialRequests.Writer.TryWrite(request);
        }
    }
}
