using Microsoft.Data.Sqlite;

namespace Cti.Events;

/// <summary>
/// One unit of work for the writer loop: events to append and, optionally, more rows written in the same
/// transaction (a CDR). Either all of it commits or none of it does.
/// </summary>
internal sealed record EventWriteRequest(
    IReadOnlyList<CtiEvent> Events,
    Action<SqliteConnection, SqliteTransaction>? InTransaction,
    TaskCompletionSource<IReadOnlyList<EventRecord>>? Completion);
