using Microsoft.Extensions.Options;

namespace Cti.Platform.Hosting;

/// <summary>Binds the keyed sections of an options class through its reader and reports the reader's errors on validation.</summary>
internal static class KeyedOptionsBuilderExtensions
{
    /// <summary>
    /// Runs <paramref name="read"/> after the plain binding (which cannot take ids from keys); what only the reader can
    /// see (a key that differs from the id inside) joins the validation errors.
    /// </summary>
    public static OptionsBuilder<TOptions> ReadKeyed<TOptions>(
        this OptionsBuilder<TOptions> builder, IConfiguration configuration, Action<IConfiguration, TOptions, ICollection<string>> read)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(read);
        builder.Configure(options => read(configuration, options, new List<string>()));
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new KeyedReadValidator<TOptions>(configuration, read));
        return builder;
    }
}
