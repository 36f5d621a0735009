using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using TicketActors.Api.Problems;
using TicketActors.Api.Requests;

namespace TicketActors.Api.Hosting;

/// <summary>The service's composition: settings, logging, the actor system host, problem details, limits.</summary>
public static class ServiceSetup
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddTicketActorsService(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.HttpPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // An address already in use fails the start; Program.cs says so in one line instead of the host's stack trace.
            .Filter.ByExcluding(logEvent => logEvent.Exception is IOException { InnerException: AddressInUseException })
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}"));

        builder.Services.AddOptions<TicketActorsOptions>()
            .Bind(builder.Configuration.GetSection(TicketActorsOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TicketActorsOptions>, TicketActorsOptionsValidation>();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(25));

        // Started before the web server and stopped after it: in-flight requests are answered before the actors stop.
        builder.Services.AddSingleton<BoxOfficeHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BoxOfficeHost>());
        builder.Services.AddSingleton(services => new InFlightLimiter(services.GetRequiredService<IOptions<TicketActorsOptions>>().Value.MaxInFlightPerEvent));
        builder.Services.AddSingleton<ListedEventIds>();
        builder.Services.AddSingleton<BoxOfficeGateway>();
        builder.Services.AddSingleton<OrganiserKeyFilter>();
        builder.Services.AddSingleton<DoorKeyFilter>();
        builder.Services.AddSingleton<Orders.OrderSecrets>();

        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Problems the framework writes by itself (unknown route, wrong method, a crash) get a code too.
            if (!context.ProblemDetails.Extensions.ContainsKey(ApiProblems.CodeExtension))
            {
                context.ProblemDetails.Extensions[ApiProblems.CodeExtension] =
                    ProblemCodes.ForStatus(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            }
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseTicketActorsPipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = _ => StatusCodes.Status500InternalServerError });
        app.UseStatusCodePages();
        // 503 is load shedding or start-up, expected under a rush: a warning, not an error.
        app.UseSerilogRequestLogging(logging => logging.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode is >= 500 and not StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Error
            : context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Warning
            : LogEventLevel.Information);
        return app;
    }

    /// <summary>The request body limit (413 past it) and the connection limit of the settings.</summary>
    private sealed class KestrelLimits(IOptions<TicketActorsOptions> options) : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions kestrel)
        {
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = options.Value.MaxConnections;
            kestrel.AddServerHeader = false;
        }
    }
}
