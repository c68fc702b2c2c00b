package io.kiln.dialect.pdfco;

import io.javalin.config.RoutesConfig;
import io.kiln.api.ApiContext;
import io.kiln.api.Json;
import io.kiln.api.OwnLinks;
import io.kiln.job.Caller;
import io.kiln.job.Job;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Mounts the PDF.co dialect: {@code /v1/job/check}, the conversion methods of {@link PdfCoMethod},
 * {@code /v1/file/upload} and the result links of async calls, at the root or under a prefix.
 */
public final class PdfCoRoutes {

    private final String prefix;
    private final Clock clock;
    private final JobCheckView checkView;
    private final RemainingCredits credits;
    private final JobCheckRoute check;
    private final ConversionRoute conversions;
    private final UploadRoute upload;
    private final ResultRoute results;

    /**
     * @param prefix where the dialect is mounted ({@code ""} for the root, else e.g. {@code /pdfco})
     * @param syncLimit how long a sync call waits for its job before answering 405
     */
    public PdfCoRoutes(ApiContext api, String prefix, Duration syncLimit) {
        this.prefix = prefix;
        this.clock = api.clock();
        var files = api.jobs().files();
        var links = new PdfCoLinks(api.links(), new OwnLinks(api.links(), files, api.clock()), api.jobs(),
                api.clock(), prefix);
        var info = new PdfInfoView(files);
        this.credits = new RemainingCredits(api.jobs().credits());
        this.checkView = new JobCheckView(links, info);
        this.check = new JobCheckRoute(api, checkView, credits);
        this.conversions = new ConversionRoute(api, new PdfCoRequests(links, files),
                new ConversionView(links, info, files), credits, syncLimit);
        this.upload = new UploadRoute(api, credits);
        this.results = new ResultRoute(api, links, info);
    }

    /** How this dialect answers errors that reach none of its handlers. */
    public io.kiln.api.ErrorShape errorShape() {
        return PdfCoErrors.shape(prefix);
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

    /**
     * The body PDF.co's {@code callback} receives when a job ends: the job check's JSON, its links
     * built on {@code baseUrl} (the server's public base URL).
     */
    public String callbackBody(Job job, String baseUrl) {
        return Json.write(checkView.render(baseUrl, job.id(), Optional.of(job), false, clock.instant(),
                credits.of(new Caller(job.tenant(), job.keyId())), 0));
    }
}
