using Cti.Host.Registrar;

namespace Cti.Host.Storage;

/// <summary>Durable registrar bindings: written on every change, read once at start.</summary>
internal interface IBindingStore
{
    IReadOnlyList<RegistrarBinding> LoadAll();

    /// <summary>Replaces every stored binding of <paramref name="aor"/> with <paramref name="bindings"/>.</summary>
    void ReplaceAor(string aor, IReadOnlyList<RegistrarBinding> bindings);
}
