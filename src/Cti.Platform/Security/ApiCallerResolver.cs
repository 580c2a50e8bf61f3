namespace Cti.Platform.Security;

/// <summary>
/// The caller of a request, for endpoints written before authorization policies; new code calls
/// <see cref="HttpContextCallerExtensions.GetCaller"/> directly. Kept so those endpoints need no change.
/// </summary>
internal sealed class ApiCallerResolver
{
    /// <summary>The request's caller, or null when it has no valid key.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Endpoints receive it as a service.")]
    public ApiCaller? Resolve(HttpContext context)
    {
        var caller = context.GetCaller();
        return ReferenceEquals(caller, ApiCaller.Anonymous) ? null : caller;
    }
}
