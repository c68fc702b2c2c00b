package io.kiln.api;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Each request's id: the client's {@code X-Request-Id} when it is a plain token (a proxy's or a
 * caller's own), else a new one; echoed in the answer and put in the logging context, so every line
 * the request's thread logs carries it.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The logging context's key (logback's pattern and the JSON lines name it). */
    public static final String LOG_KEY = "requestId";
    static final String ATTRIBUTE = "kiln.requestId";
    /** Printable and bounded: an id goes into log lines and answers as it came. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");

    private RequestIds() {
    }

    /** The before-handler that runs first on every request. */
    public static void assign(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(LOG_KEY, id);
    }

    /** The request's id, or null before {@link #assign} ran (a request Jetty refused itself). */
    public static String of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }
}
