using Cti.Gateways.Hosting;
using Cti.Host.Api;
using Cti.Calls;
using Cti.Calls.Control;
using Cti.Cdrs;
using Cti.Cdrs.Recordings;
using Cti.Platform.Audit;
using Cti.Campaigns;
using Cti.Events;
using Cti.Platform.Metrics;
using Cti.Host.Options;
using Cti.Platform.Hosting;
using Cti.Registrar;
using Cti.Acd;
using Cti.Platform.Security;
using Cti.Host.SipRouting;
using Cti.Trunks;
using Cti.Media.Hosting;
using Cti.Webhooks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Cti.Host;

/// <summary>Composes the service: configuration, options, storage, registrar, SIP stack and HTTP endpoints.</summary>
internal static class CtiApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        CtiConfiguration.Configure(builder.Configuration, args, AppContext.BaseDirectory, Environment.GetEnvironmentVariables(), builder.Environment.EnvironmentName);
        ThrowIfInvalid(builder.Configuration);

        builder.Host.UseSystemd();
        builder.Host.UseWindowsService(o => o.ServiceName = "Cti");
        builder.WebHost.UseUrls(builder.Configuration[$"{HttpOptions.SectionName}:Url"] ?? HttpOptions.DefaultUrl);

        AddServices(builder.Services, builder.Configuration);
        builder.Services.AddHostedService<KeyedSectionWarnings>();

        // Serial GSM gateways (Cti:Gateways); their instruments join the same /metrics registry.
        builder.Services.AddSingleton(sp => new GatewayMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        builder.Services.AddGateways(builder.Configuration);
        builder.Services.AddTrunks(builder.Configuration);
        // ACD agent-state changes go out on the event stream.
        builder.Services.AddHostedService<AcdEventForwarder>();
        builder.Services.AddDialer(builder.Configuration);
        builder.Services.AddAcd(builder.Configuration);
        builder.Services.AddEvents(builder.Configuration);
        builder.Services.AddCdrs(builder.Configuration);
        builder.Services.AddWebhooks(builder.Configuration);
        builder.Services.AddMedia(builder.Configuration, sp => sp.GetRequiredService<IOptions<PlatformOptions>>().Value.ResolveDataDirectory());
        builder.Services.AddCalls(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        // Health checks and metrics stay open, as load balancers and scrapers expect.
        app.MapHealthEndpoints();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CtiMetrics>().Registry);
        // Every endpoint names its policy (CtiPolicies); the group-wide requirement keeps one added without a policy
        // closed to anonymous callers.
        app.MapRegistrationsApi().RequireAuthorization();
        app.MapGatewayApi().RequireAuthorization();
        app.MapTrunksApi().RequireAuthorization();
        app.MapDialerApi().RequireAuthorization();
        app.MapAcdApi().RequireAuthorization();
        app.MapEventsApi().RequireAuthorization();
        app.MapWebhooksApi().RequireAuthorization();
        app.MapCdrApi().RequireAuthorization();
        app.MapRecordingsApi().RequireAuthorization();
        app.MapAuditApi().RequireAuthorization();
        app.MapCallsApi().RequireAuthorization();
        // Call control names its policies per endpoint once it adopts them; until then the group needs a key that
        // works on calls (agent, supervisor, admin).
        app.MapCallControlApi().RequireAuthorization();
        return app;
    }

    private static void AddServices(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddPlatform(configuration);
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpOptions>, HttpOptionsValidator>();
        services.AddRegistrar(configuration);

        services.AddSingleton<SipListenerStatus>();
        services.AddCtiSip();
    }

    /// <summary>
    /// Checks the settings before anything is built, so a bad configuration ends with one clear list of reasons
    /// instead of a failure inside whichever service resolves the options first. ValidateOnStart stays as a backstop.
    /// </summary>
    private static void ThrowIfInvalid(ConfigurationManager configuration)
    {
        var errors = CtiOptionsValidator.Collect(configuration);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(CtiConfiguration.SectionName, typeof(PlatformOptions), errors);
        }
    }
}
