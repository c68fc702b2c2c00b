package io.kiln.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code /openapi.json} (the API description shipped with the server) and {@code /docs}, a page
 * rendered from it on the server: no script or stylesheet from elsewhere, so it works offline.
 */
public final class DocsRoutes {

    private final String spec;
    private final String page;

    public DocsRoutes() {
        try (InputStream in = DocsRoutes.class.getResourceAsStream("/openapi.json")) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page = render(Json.parse(spec));
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(spec));
        routes.get("/docs", ctx -> ctx.html(page));
    }

    private static String render(JsonNode api) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(api.path("info").path("title").asText())).append("</title><style>")
                .append("body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}")
                .append("h2{border-bottom:1px solid #ccc}code,.m{font-family:ui-monospace,monospace}")
                .append(".m{display:inline-block;min-width:4.5em;font-weight:bold}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}</style>")
                .append("</head><body><h1>").append(esc(api.path("info").path("title").asText())).append("</h1><p>")
                .append(esc(api.path("info").path("description").asText()))
                .append("</p><p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a></p>");
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                JsonNode o = op.getValue();
                sb.append("<h2><span class=\"m\">").append(op.getKey().toUpperCase()).append("</span> <code>")
                        .append(esc(path.getKey())).append("</code></h2><p><b>").append(esc(o.path("summary").asText()))
                        .append("</b></p><p>").append(esc(o.path("description").asText())).append("</p>");
                if (o.path("parameters").size() > 0) {
                    sb.append("<table><tr><th>parameter</th><th>in</th><th>description</th></tr>");
                    for (JsonNode p : o.path("parameters")) {
                        sb.append("<tr><td><code>").append(esc(p.path("name").asText())).append("</code></td><td>")
                                .append(esc(p.path("in").asText())).append("</td><td>")
                                .append(esc(p.path("description").asText())).append("</td></tr>");
                    }
                    sb.append("</table>");
                }
                sb.append("<p>Responses: ");
                o.path("responses").properties().forEach(r -> sb.append("<code>").append(esc(r.getKey()))
                        .append("</code> ").append(esc(r.getValue().path("description").asText())).append("; "));
                sb.append("</p>");
            }
        }
        return sb.append("</body></html>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
