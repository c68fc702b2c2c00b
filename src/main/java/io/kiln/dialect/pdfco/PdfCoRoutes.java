package io.kiln.dialect.pdfco;

import io.javalin.config.RoutesConfig;
import io.kiln.api.ApiContext;
import io.kiln.api.OwnLinks;
import java.time.Duration;

/**
 * Mounts the PDF.co dialect: {@code /v1/job/check}, the conversion methods of {@link PdfCoMethod},
 * {@code /v1/file/upload} and the result links of async calls, at the root or under a prefix.
 */
public final class PdfCoRoutes {

    private final String prefix;
    private final JobCheckRoute check;
    private final ConversionRoute conversions;
    private final UploadRoute upload;
    private final ResultRoute results;

    /** At the root; sync calls wait up to the server's longest wait ({@code --max-wait}). */
    public PdfCoRoutes(ApiContext api) {
        this(api, "", api.maxWait());
    }

    /**
     * @param prefix where the dialect is mounted ({@code ""} for the root, else e.g. {@code /pdfco})
     * @param syncLimit how long a sync call waits for its job before answering 405
     */
    public PdfCoRoutes(ApiContext api, String prefix, Duration syncLimit) {
        this.prefix = prefix;
        var files = api.jobs().files();
        var links = new PdfCoLinks(api.links(), new OwnLinks(api.links(), files, api.clock()), api.jobs(),
                api.clock(), prefix);
        var info = new PdfInfoView(files);
        var credits = new RemainingCredits(api.jobs().credits());
        this.check = new JobCheckRoute(api, new JobCheckView(links, info), credits);
        this.conversions = new ConversionRoute(api, new PdfCoRequests(links, files),
                new ConversionView(links, info, files), credits, syncLimit);
        this.upload = new UploadRoute(api, credits);
        this.results = new ResultRoute(api, links, info);
    }

    public void register(RoutesConfig routes) {
        routes.post(prefix + "/v1/job/check", PdfCoErrors.guard(check::handle));
        routes.get(prefix + "/v1/job/check", PdfCoErrors.guard(check::handle));
        for (PdfCoMethod method : PdfCoMethod.values()) {
            routes.post(prefix + method.path, PdfCoErrors.guard(ctx -> conversions.handle(ctx, method)));
        }
        routes.post(prefix + "/v1/file/upload", PdfCoErrors.guard(upload::handle));
        routes.get(prefix + PdfCoLinks.RESULTS + "{token}/{name}", PdfCoErrors.guard(results::handle));
    }
}
