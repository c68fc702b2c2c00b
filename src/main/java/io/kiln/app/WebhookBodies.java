package io.kiln.app;

import io.kiln.api.JobView;
import io.kiln.api.Json;
import io.kiln.job.Job;
import io.kiln.webhook.WebhookPayloads;
import java.util.function.Function;
import java.util.function.Supplier;

/** Webhook bodies rendered exactly as a client polling the job would see them. */
final class WebhookBodies implements WebhookPayloads {

    private final JobView nativeView;
    private final Supplier<String> baseUrl;
    private final Function<Job, String> pdfco;

    /** @param baseUrl the server's public base URL, for the links inside the bodies */
    WebhookBodies(JobView nativeView, Supplier<String> baseUrl, Function<Job, String> pdfco) {
        this.nativeView = nativeView;
        this.baseUrl = baseUrl;
        this.pdfco = pdfco;
    }

    @Override
    public String nativeJson(Job job) {
        return Json.write(nativeView.render(job, baseUrl.get(), 0));
    }

    @Override
    public String pdfcoJson(Job job) {
        return pdfco.apply(job);
    }
}
