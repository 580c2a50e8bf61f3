using System.Net;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cti.Media.Hosting;

internal static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Cti:Media</c> and registers the RTP port range, relay options, recordings and prompts; relative
    /// recording and prompt folders resolve against <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            return new RtpPortAllocator(new RtpPortRangeOptions { MinPort = media.MinPort, MaxPort = media.MaxPort });
        });
        services.TryAddSingleton(sp => new RtpRelayOptions
        {
            BindAddress = IPAddress.Parse(sp.GetRequiredService<IOptions<MediaOptions>>().Value.Address),
        });
        services.TryAddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            var data = dataDirectory(sp);
            return new CallRecordingOptions
            {
                Enabled = media.RecordCalls,
                Directory = Path.GetFullPath(media.RecordingsDirectory, data),
                RetentionDays = media.RecordingRetentionDays,
            };
        });
        services.TryAddSingleton(sp =>
        {
            var media = sp.GetRequiredService<IOptions<MediaOptions>>().Value;
            var data = dataDirectory(sp);
            return new PromptLibrary(Path.GetFullPath(media.PromptsDirectory, data));
        });
        services.TryAddSingleton<RecordingRetentionSweeper>();
        services.AddHostedService<RecordingRetentionService>();
        return services;
    }
}
