using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TicketActors.Api.Requests;

/// <summary>Headers the handlers read themselves, described in the OpenAPI document as required.</summary>
public static class OpenApiHeaders
{
    public static RouteHandlerBuilder RequiresHeader(this RouteHandlerBuilder endpoint, string name, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            var declared = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Header);
            if (declared is null)
            {
                declared = new OpenApiParameter { Name = name, In = ParameterLocation.Header, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                operation.Parameters.Add(declared);
            }
            declared.Required = true;
            declared.Description = description;
            return Task.CompletedTask;
        });
}
