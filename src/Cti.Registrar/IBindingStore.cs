namespace Cti.Registrar;

/// <summary>Durable registrar bindings: written behind in batches, read once at start.</summary>
internal interface IBindingStore
{
    IReadOnlyList<RegistrarBinding> LoadAll();

    /// <summary>Replaces the stored bindings of several AORs in one transaction.</summary>
    void ReplaceAors(IReadOnlyList<(string Aor, IReadOnlyList<RegistrarBinding> Bindings)> changes);
}
