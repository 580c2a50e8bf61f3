namespace Cti.Cdrs;

/// <summary>Records who exported CDRs, when, with which filters and how many rows: a log line and an audit row.</summary>
internal sealed partial class CdrExportAudit
{
    private readonly SqliteCdrStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<CdrExportAudit> _logger;

    public CdrExportAudit(SqliteCdrStore store, TimeProvider timeProvider, ILogger<CdrExportAudit> logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public void Record(string keyName, string filters, int rows)
    {
        _store.AddExportAudit(_timeProvider.GetUtcNow(), keyName, filters, rows);
        Log.Exported(_logger, keyName, rows, filters);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7630, Level = LogLevel.Information, Message = "CDR export by key '{Key}': {Rows} rows (filters '{Filters}')")]
        public static partial void Exported(ILogger logger, string key, int rows, string filters);
    }
}
