namespace Cti.Host.Storage;

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
    ];
}
