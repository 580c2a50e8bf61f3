using Microsoft.Extensions.Options;

namespace Cti.Platform.Hosting;

/// <summary>Reports the errors a keyed-section reader found (the options validators see only the result).</summary>
internal sealed class KeyedReadValidator<TOptions>(IConfiguration configuration, Action<IConfiguration, TOptions, ICollection<string>> read)
    : IValidateOptions<TOptions>
    where TOptions : class, new()
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        read(configuration, new TOptions(), errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
