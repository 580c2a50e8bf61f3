using Cti.Gateways.Hosting;
using Cti.Host.Api;
using Cti.Host.Calls;
using Cti.Cdrs;
using Cti.Host.Dialer;
using Cti.Events;
using Cti.Platform.Metrics;
using Cti.Host.Options;
using Cti.Host.Registrar;
using Cti.Host.Routing;
using Cti.Platform.Security;
using Cti.Host.SipRouting;
using Cti.Platform.Storage;
using Cti.Host.Trunks;
using Cti.Media.Hosting;
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
        builder.WebHost.UseUrls(builder.Configuration[$"{CtiOptions.SectionName}:Http:Url"] ?? HttpOptions.DefaultUrl);

        AddServices(builder.Services);
        builder.Services.AddOptions<CtiOptions>().ReadKeyed(builder.Configuration, AgentDefinitions.Bind);
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
        builder.Services.AddMedia(builder.Configuration, sp => sp.GetRequiredService<IOptions<CtiOptions>>().Value.ResolveDataDirectory());
        builder.Services.AddCalls(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CtiMetrics>().Registry);
        app.MapRegistrationsApi();
        app.MapGatewayApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapTrunksApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapDialerApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapAcdApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapEventsApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapCdrApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapCallsApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        return app;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<CtiOptions>, CtiOptionsValidator>();
        services.AddOptions<CtiOptions>().BindConfiguration(CtiOptions.SectionName).ValidateOnStart();

        services.AddSingleton<CtiMetrics>();
        services.AddSingleton(sp => new SqliteDatabase(Options(sp).ResolveDataDirectory(), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IBindingStore, SqliteBindingStore>();

        services.AddSingleton(sp => new Cti.Numbers.PhoneNumberNormalizer(Options(sp).DefaultRegion));
        services.AddSingleton(sp => new AgentDirectory(Options(sp).Agents, Options(sp).Registrar.Realm));
        services.AddSingleton(sp => new RegistrarState(Options(sp).Registrar, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegistrarEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrarEngine>());

        services.AddSingleton(sp => new AuthFailureTracker(Options(sp).Registrar.Ban, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ApiKeyValidator(Options(sp).Api.Keys));
        services.AddSingleton<ApiKeyEndpointFilter>();
        services.AddSingleton(sp => new ApiCallerResolver(Options(sp).Api));

        services.AddSingleton<SipListenerStatus>();
        services.AddCtiSip();
    }

    /// <summary>
    /// Checks the settings before anything is built, so a bad configuration ends with one clear list of reasons
    /// instead of a failure inside whichever service resolves the options first. ValidateOnStart stays as a backstop.
    /// </summary>
    private static void ThrowIfInvalid(ConfigurationManager configuration)
    {
        var options = new CtiOptions();
        configuration.GetSection(CtiOptions.SectionName).Bind(options);
        var errors = new List<string>();
        AgentDefinitions.Bind(configuration, options, errors);
        errors.AddRange(CtiOptionsValidator.Collect(options));
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(CtiOptions.SectionName, typeof(CtiOptions), errors);
        }
    }

    private static CtiOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<CtiOptions>>().Value;
}
