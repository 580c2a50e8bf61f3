namespace Cti.Platform.Storage;

/// <summary>One forward-only schema step; applied once, in version order, inside a transaction.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
