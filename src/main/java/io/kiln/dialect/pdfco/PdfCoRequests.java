package io.kiln.dialect.pdfco;

import io.kiln.engine.ConversionTask;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileService;
import io.kiln.job.FileNames;
import io.kiln.job.JobInput;
import io.kiln.job.JobRequest;
import io.kiln.storage.StoredFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a PDF.co method's parameters ({@code url}, {@code html}, {@code name}, {@code pages}, ...) into a job request. */
final class PdfCoRequests {

    static final String DIALECT = "pdfco";

    private final PdfCoLinks links;
    private final FileService files;

    PdfCoRequests(PdfCoLinks links, FileService files) {
        this.links = links;
        this.files = files;
    }

    JobRequest read(PdfCoMethod method, PdfCoParams params, String tenant) {
        List<JobInput> inputs = new ArrayList<>();
        List<StoredFile> uploads = new ArrayList<>();
        Optional<String> html = method.inputs == PdfCoMethod.Inputs.HTML ? params.text("html") : Optional.empty();
        if (html.isPresent()) {
            String name = FileNames.base(params.text("name").orElse("result")) + ".html";
            StoredFile f = files.storeUpload(tenant, name,
                    new ByteArrayInputStream(html.get().getBytes(StandardCharsets.UTF_8)));
            uploads.add(f);
            inputs.add(JobInput.upload(f.id()));
        } else {
            for (String url : urls(method, params)) {
                // a page is loaded by the browser, even one of Kiln's own links
                inputs.add(method.inputs == PdfCoMethod.Inputs.PAGE ? JobInput.url(url) : links.input(url, tenant));
            }
        }
        Optional<String> from = method.inputs == PdfCoMethod.Inputs.PAGE ? Optional.of(ConversionTask.URL) : Optional.empty();
        if (method == PdfCoMethod.ADD) {
            AddedObjects.Mark mark = AddedObjects.read(params);
            mark.imageUrl().ifPresent(u -> inputs.add(links.input(u, tenant)));
            Map<String, String> options = options(method, params);
            options.putAll(mark.options());
            return new JobRequest(mark.target(), from, options, inputs, Optional.empty(),
                    params.text("callback"), DIALECT, uploads);
        }
        return new JobRequest(method.target, from, options(method, params), inputs, Optional.empty(),
                params.text("callback"), DIALECT, uploads);
    }

    private static List<String> urls(PdfCoMethod method, PdfCoParams params) {
        String url = params.text("url").orElseThrow(() -> new RequestRejected(ErrorCode.BAD_REQUEST,
                method.inputs == PdfCoMethod.Inputs.HTML ? "html or url is required" : "url is required"));
        if (method.inputs != PdfCoMethod.Inputs.LIST) {
            return List.of(url);
        }
        List<String> out = new ArrayList<>();
        for (String u : url.split(",")) {
            if (!u.isBlank()) {
                out.add(u.trim());
            }
        }
        return out;
    }

    private static Map<String, String> options(PdfCoMethod method, PdfCoParams params) {
        Map<String, String> options = new LinkedHashMap<>();
        params.text("name").ifPresent(n -> options.put("name", n));
        params.text("password").ifPresent(p -> options.put("password", p));
        if (method == PdfCoMethod.INFO_FIELDS) {
            options.put("fields", "true");
        }
        if (method == PdfCoMethod.MAKE_SEARCHABLE) {
            params.text("lang").ifPresent(l -> options.put("lang", l));
        }
        if (method == PdfCoMethod.OPTIMIZE) {
            params.text("profiles").ifPresent(p -> options.putAll(OptimizeProfiles.options(p)));
        }
        if (method == PdfCoMethod.DELETE_TEXT) {
            options.putAll(DeleteTextParams.options(params));
        }
        if (method == PdfCoMethod.SECURITY_ADD) {
            options.putAll(SecurityParams.options(params));
        }
        if (method == PdfCoMethod.ROTATE) {
            params.text("angle").ifPresent(a -> options.put("angle", a));
        }
        params.text("pages").ifPresent(p -> {
            switch (method.pages) {
                case ZERO_BASED -> options.put("pages", PageIndexes.toKiln(p));
                case ONE_BASED -> options.put("pages", p);
                case IGNORED -> { }
            }
        });
        return options;
    }
}
