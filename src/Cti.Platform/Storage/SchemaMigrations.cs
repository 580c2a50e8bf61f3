namespace Cti.Platform.Storage;

/// <summary>Every schema step ever shipped. Append only: never edit a released migration.</summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "registrar bindings", """
            CREATE TABLE registrar_bindings (
                aor              TEXT    NOT NULL,
                contact_uri      TEXT    NOT NULL,
                q                REAL    NULL,
                expires_at_ms    INTEGER NOT NULL,
                call_id          TEXT    NOT NULL,
                cseq             INTEGER NOT NULL,
                source_transport TEXT    NOT NULL,
                source_address   TEXT    NOT NULL,
                user_agent       TEXT    NULL,
                reachable        INTEGER NULL,
                PRIMARY KEY (aor, contact_uri)
            );
            CREATE INDEX ix_registrar_bindings_expires ON registrar_bindings (expires_at_ms);
            """),
        new(2, "routing state", """
            CREATE TABLE routing_round_robin (
                queue_id      TEXT NOT NULL PRIMARY KEY,
                last_agent_id TEXT NOT NULL
            );
            CREATE TABLE routing_agent_counters (
                agent_id         TEXT    NOT NULL PRIMARY KEY,
                calls_offered    INTEGER NOT NULL,
                calls_answered   INTEGER NOT NULL,
                calls_unanswered INTEGER NOT NULL,
                talk_ms          INTEGER NOT NULL,
                hold_ms          INTEGER NOT NULL,
                wrap_up_ms       INTEGER NOT NULL
            );
            """),
        new(3, "event log", """
            CREATE TABLE events (
                seq  INTEGER NOT NULL PRIMARY KEY,
                type TEXT    NOT NULL,
                at   TEXT    NOT NULL,
                json TEXT    NOT NULL
            );
            CREATE INDEX ix_events_at ON events (at);
            """),
        new(4, "call detail records and CDR export audit", """
            CREATE TABLE cdrs (
                call_id          TEXT    NOT NULL PRIMARY KEY,
                direction        TEXT    NOT NULL,
                trunk            TEXT    NULL,
                line             TEXT    NULL,
                from_number      TEXT    NULL,
                to_number        TEXT    NULL,
                did              TEXT    NULL,
                queue            TEXT    NULL,
                agent            TEXT    NULL,
                campaign         TEXT    NULL,
                lead             TEXT    NULL,
                start_at         TEXT    NOT NULL,
                queued_at        TEXT    NULL,
                offered_at       TEXT    NULL,
                answered_at      TEXT    NULL,
                end_at           TEXT    NOT NULL,
                wait_seconds     REAL    NOT NULL,
                ring_seconds     REAL    NOT NULL,
                talk_seconds     REAL    NOT NULL,
                hold_seconds     REAL    NOT NULL,
                wrap_up_seconds  REAL    NOT NULL,
                disposition      TEXT    NOT NULL,
                sip_code         INTEGER NULL,
                q850_cause       INTEGER NULL,
                hung_up_by       TEXT    NULL,
                transfers        TEXT    NOT NULL,
                recording_path   TEXT    NULL
            );
            CREATE INDEX ix_cdrs_start ON cdrs (start_at, call_id);
            CREATE INDEX ix_cdrs_queue ON cdrs (queue, start_at);
            CREATE INDEX ix_cdrs_agent ON cdrs (agent, start_at);
            CREATE TABLE cdr_exports (
                id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                exported_at TEXT    NOT NULL,
                key_name    TEXT    NOT NULL,
                filters     TEXT    NOT NULL,
                row_count   INTEGER NOT NULL
            );
            """),
        new(5, "dialer campaigns, leads and do-not-call", """
            CREATE TABLE dialer_campaigns (
                campaign_id    TEXT    NOT NULL PRIMARY KEY,
                config_json    TEXT    NOT NULL,
                status         TEXT    NOT NULL,
                origin         TEXT    NOT NULL,
                updated_at_ms  INTEGER NOT NULL
            );
            CREATE TABLE dialer_leads (
                campaign_id    TEXT    NOT NULL,
                lead_id        TEXT    NOT NULL,
                list_id        TEXT    NOT NULL,
                source         TEXT    NOT NULL,
                e164           TEXT    NOT NULL,
                region         TEXT    NOT NULL,
                kind           TEXT    NOT NULL,
                name           TEXT    NULL,
                fields_json    TEXT    NOT NULL,
                priority       INTEGER NOT NULL,
                source_row     INTEGER NOT NULL,
                state          TEXT    NOT NULL DEFAULT 'Pending',
                attempts       INTEGER NOT NULL DEFAULT 0,
                next_due_ms    INTEGER NULL,
                last_outcome   TEXT    NULL,
                callback_agent TEXT    NULL,
                PRIMARY KEY (campaign_id, lead_id)
            );
            CREATE INDEX ix_dialer_leads_number ON dialer_leads (campaign_id, e164);
            CREATE INDEX ix_dialer_leads_list ON dialer_leads (campaign_id, list_id);
            CREATE TABLE dialer_dnc (
                e164           TEXT    NOT NULL PRIMARY KEY,
                source         TEXT    NOT NULL,
                added_at_ms    INTEGER NOT NULL
            );
            """),
        new(6, "dialer attempt history and export audit", """
            CREATE TABLE dialer_attempts (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                lead_id        TEXT    NOT NULL,
                e164           TEXT    NOT NULL,
                at_ms          INTEGER NOT NULL
            );
            CREATE INDEX ix_dialer_attempts_number ON dialer_attempts (e164, at_ms);
            CREATE TABLE dialer_number_flags (
                e164              TEXT    NOT NULL PRIMARY KEY,
                last_abandoned_ms INTEGER NULL,
                invalid_sip_status INTEGER NULL
            );
            CREATE TABLE dialer_export_audit (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                campaign_id    TEXT    NOT NULL,
                key_name       TEXT    NOT NULL,
                exported_at_ms INTEGER NOT NULL,
                row_count      INTEGER NOT NULL
            );
            """),
        new(7, "recording gaps, wrap-up codes and monitoring in call detail records", """
            ALTER TABLE cdrs ADD COLUMN recording_gaps TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE cdrs ADD COLUMN wrap_up_code TEXT NULL;
            ALTER TABLE cdrs ADD COLUMN monitoring TEXT NOT NULL DEFAULT '[]';
            """),
        new(8, "audit log", """
            CREATE TABLE audit_log (
                id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
                at_ms     INTEGER NOT NULL,
                key_name  TEXT    NOT NULL,
                roles     TEXT    NOT NULL,
                action    TEXT    NOT NULL,
                target    TEXT    NOT NULL,
                outcome   TEXT    NOT NULL,
                detail    TEXT    NULL
            );
            CREATE INDEX ix_audit_log_at ON audit_log (at_ms);
            CREATE INDEX ix_audit_log_action ON audit_log (action, at_ms);
            """),
        new(9, "webhook subscriptions and their delivery cursors", """
            CREATE TABLE webhooks (
                id                 TEXT    NOT NULL PRIMARY KEY,
                origin             TEXT    NOT NULL,
                url                TEXT    NOT NULL,
                secret             TEXT    NOT NULL,
                types              TEXT    NOT NULL,
                batch_size         INTEGER NOT NULL,
                cursor             INTEGER NULL,
                state              TEXT    NOT NULL,
                failing_since_ms   INTEGER NULL,
                dead_lettered_ms   INTEGER NULL,
                last_error         TEXT    NULL,
                created_at_ms      INTEGER NOT NULL
            );
            """),
    ];
}
