package io.kiln.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.kiln.engine.Availability;
import io.kiln.engine.Converter;
import io.kiln.engine.ConverterRegistry;
import io.kiln.engine.OptionSpec;
import io.kiln.observe.PrometheusMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Liveness, readiness, metrics and the formats table generated from the converter registry. */
public final class SystemRoutes {

    private final ConverterRegistry registry;
    private final BooleanSupplier databaseUp;
    private final Optional<BooleanSupplier> bucketUp;
    private final BooleanSupplier stopping;
    private final PrometheusMetrics metrics;

    /**
     * @param bucketUp whether the S3 bucket stored files live in answers; empty when they live on local disk
     * @param stopping whether the server has begun to stop (SIGTERM)
     */
    public SystemRoutes(ConverterRegistry registry, BooleanSupplier databaseUp, Optional<BooleanSupplier> bucketUp,
                        BooleanSupplier stopping, PrometheusMetrics metrics) {
        this.registry = registry;
        this.databaseUp = databaseUp;
        this.bucketUp = bucketUp;
        this.stopping = stopping;
        this.metrics = metrics;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/ready", this::ready);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        routes.get("/v1/formats", this::formats);
    }

    /**
     * 200 only when this node should be sent work: its database (and bucket) answer, no enabled
     * engine is still warming, and it is not stopping. An engine that is off or not installed does
     * not hold readiness back (its conversions answer 501); each component's state is in the body.
     */
    private void ready(Context ctx) {
        boolean database = databaseUp.getAsBoolean();
        Optional<Boolean> bucket = bucketUp.map(BooleanSupplier::getAsBoolean);
        Map<String, Object> engines = engines();
        boolean warming = registry.converters().stream()
                .anyMatch(c -> c.availability().state() == Availability.State.WARMING);
        String status = stopping.getAsBoolean() ? "stopping"
                : !database || !bucket.orElse(true) ? "unavailable"
                : warming ? "warming" : "ready";
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("database", database ? "up" : "down");
        components.put("storage", bucket.map(up -> up ? "up" : "down").orElse("local"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("store", database && bucket.orElse(true) ? "up" : "down");
        body.put("components", components);
        body.put("engines", engines);
        ctx.status(status.equals("ready") ? 200 : 503).json(body);
    }

    /** Each engine's state, why, and what it says about itself (active renderer, OCR languages). */
    private Map<String, Object> engines() {
        Map<String, Object> engines = new LinkedHashMap<>();
        for (Converter c : registry.converters()) {
            Availability a = c.availability();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("state", a.state().name().toLowerCase());
            e.put("detail", a.detail());
            e.putAll(c.about());
            engines.put(c.engine(), e);
        }
        return engines;
    }

    private void formats(Context ctx) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ConverterRegistry.Entry e : registry.table()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", e.from());
            row.put("to", e.to());
            row.put("ext", e.outputExt());
            row.put("engine", e.engine());
            row.put("available", e.availability().isReady());
            row.put("inputs", e.inputs().name().toLowerCase());
            List<Map<String, Object>> options = new ArrayList<>();
            e.options().forEach(o -> options.add(option(o)));
            ConverterRegistry.COMMON_OPTIONS.forEach(o -> options.add(option(o)));
            row.put("options", options);
            rows.add(row);
        }
        ctx.json(Map.of("formats", rows, "engines", engines()));
    }

    private static Map<String, Object> option(OptionSpec o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("type", o.type().name().toLowerCase());
        m.put("description", o.description());
        if (!o.values().isEmpty()) {
            m.put("values", o.values());
        }
        if (o.min() != null) {
            m.put("min", o.min());
            m.put("max", o.max());
        }
        return m;
    }
}
