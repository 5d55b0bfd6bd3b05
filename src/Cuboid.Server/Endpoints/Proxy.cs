using Cuboid.Server.Http;
using Cuboid.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Cuboid.Server.Endpoints;

/// <summary>
/// The session's custom endpoints (<c>session.Endpoint</c>) under /proxy/. They can be added
/// after the server started, so one catch-all route matches them at request time with
/// ASP.NET's own template matcher (<c>{param}</c> segments, as in routes).
/// </summary>
internal static class Proxy
{
    public static void MapProxy(this IEndpointRouteBuilder app)
    {
        app.Map("/proxy/{**path}", async (Session session, HttpContext context, string? path) =>
        {
            var method = context.Request.Method.ToUpperInvariant();
            var requestPath = new PathString("/" + (path ?? "").Trim('/'));
            SessionEndpoint? pathOnly = null;
            foreach (var endpoint in session.Endpoints)
            {
                var values = new RouteValueDictionary();
                var matcher = new TemplateMatcher(TemplateParser.Parse(endpoint.Route), new RouteValueDictionary());
                if (!matcher.TryMatch(requestPath, values)) continue;
                if (endpoint.Method != method)
                {
                    pathOnly ??= endpoint;
                    continue;
                }
                var user = context.User.Identity?.IsAuthenticated == true ? new EndpointUser(context.User.Identity.Name, context.User.RoleNames()) : EndpointUser.Anonymous;
                if (endpoint.Roles.Count > 0 && session.Enabled() && !endpoint.Roles.Any(user.IsInRole))
                {
                    return Problems.Result(StatusCodes.Status403Forbidden, "Forbidden", $"/proxy/{endpoint.Route} needs one of the roles {string.Join(", ", endpoint.Roles)}.");
                }
                var body = await RequestBody.ReadTextAsync(context.Request);
                var request = new EndpointRequest(
                    values.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase),
                    context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                    body.Length == 0 ? null : body)
                { User = user };
                var result = endpoint.Handler(request);
                return result is null ? HttpResults.NoContent() : HttpResults.Json(result, ServerJson.Options);
            }
            return pathOnly is null
                ? Problems.NotFound($"No custom endpoint matches /proxy{requestPath}.")
                : Problems.Result(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"/proxy/{pathOnly.Route} answers {pathOnly.Method}, not {method}.");
        });
    }
}
