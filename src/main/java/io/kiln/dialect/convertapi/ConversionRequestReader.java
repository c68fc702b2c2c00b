package io.kiln.dialect.convertapi;

import io.kiln.api.OwnLinks;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileService;
import io.kiln.job.JobInput;
import io.kiln.job.JobRequest;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Interprets ConvertAPI parameters as a {@link JobRequest}: {@code File}, {@code Files[n]} and
 * {@code Url} become inputs (file content is stored now, for the caller's tenant), {@code JobId},
 * {@code WebHook}, {@code Async} and {@code StoreFile} steer the job, the rest become options.
 */
final class ConversionRequestReader {

    static final String DIALECT = "convertapi";
    /** The metadata parameters of ConvertAPI's pdf → pdf, lower-cased as {@link Parameters} keeps names. */
    private static final java.util.Set<String> METADATA = java.util.Set.of("pdftitle", "pdfsubject", "pdfauthor",
            "pdfcreator", "pdfkeywords");
    private static final Pattern WEB_URL = Pattern.compile("(?i)^https?://.*");

    private final FileService files;
    private final OwnLinks ownLinks;
    private final AcceptedOptions accepted;
    private final Clock clock;

    ConversionRequestReader(FileService files, OwnLinks ownLinks, AcceptedOptions accepted, Clock clock) {
        this.files = files;
        this.ownLinks = ownLinks;
        this.accepted = accepted;
        this.clock = clock;
    }

    ConversionRequest read(Parameters p, String tenant, String fromPath, String toPath, boolean alwaysAsync) {
        Optional<String> from = FormatNames.source(fromPath);
        String to = metadataWrite(FormatNames.target(toPath), from, p);
        Optional<String> jobId = p.text("jobid").map(raw -> JobIds.parse(raw).orElseThrow(() ->
                ConvertApiFailure.invalid("JobId", "must be a UUID (RFC 4122), e.g. " + UUID.randomUUID())));
        boolean async = alwaysAsync || flag(p, "Async", false);
        boolean storeFile = flag(p, "StoreFile", false);
        List<StoredFile> uploads = new ArrayList<>();
        try {
            List<JobInput> inputs = new ArrayList<>();
            List<StoredFile> stored = new ArrayList<>();
            inputs(p.all("file"), "File", tenant, inputs, stored, uploads);
            inputs(p.files(), "Files", tenant, inputs, stored, uploads);
            inputs(p.all("url"), "Url", tenant, inputs, stored, uploads);
            inputs(p.all("overlayfile"), "OverlayFile", tenant, inputs, stored, uploads); // after the document
            Optional<String> knownFrom = from.or(() -> stored.stream().findFirst().map(StoredFile::ext));
            OptionNames.Mapped options = OptionNames.map(p, knownFrom.flatMap(f -> accepted.of(f, to)));
            Map<String, String> kiln = new LinkedHashMap<>(FormatNames.impliedOptions(toPath));
            kiln.putAll(options.options());
            JobRequest job = new JobRequest(to, from, kiln, inputs, jobId, p.text("webhook"), DIALECT, uploads);
            return new ConversionRequest(job, async, storeFile, options.ignored());
        } catch (RuntimeException e) {
            uploads.forEach(files::delete);
            throw e;
        }
    }

    /**
     * ConvertAPI writes metadata on its pdf → pdf converter ({@code PdfTitle}, {@code PdfAuthor}, ...);
     * Kiln's pdf → pdf merges and selects pages, so a request that names metadata is {@code set-metadata}.
     */
    private static String metadataWrite(String to, Optional<String> from, Parameters p) {
        boolean writes = p.names().stream().anyMatch(METADATA::contains);
        return to.equals("pdf") && from.map("pdf"::equals).orElse(false) && writes ? "set-metadata" : to;
    }

    private void inputs(List<ParameterValue> values, String param, String tenant, List<JobInput> inputs,
                        List<StoredFile> stored, List<StoredFile> uploads) {
        for (ParameterValue v : values) {
            switch (v) {
                case ParameterValue.Text t when t.value().isBlank() -> {
                }
                case ParameterValue.Text t when WEB_URL.matcher(t.value().trim()).matches() ->
                        inputs.add(ownLinks.input(t.value().trim(), tenant));
                case ParameterValue.Text t -> {
                    StoredFile f = files.find(tenant, t.value().trim())
                            .filter(x -> x.expiresAt().isAfter(clock.instant()))
                            .orElseThrow(() -> ConvertApiFailure.invalid(param,
                                    "'" + t.value().trim() + "' is neither a URL nor the id of an uploaded file"));
                    stored.add(f);
                    inputs.add(JobInput.file(f.id()));
                }
                case ParameterValue.Content c -> {
                    StoredFile f = store(tenant, c);
                    uploads.add(f);
                    stored.add(f);
                    inputs.add(JobInput.upload(f.id()));
                }
            }
        }
    }

    private StoredFile store(String tenant, ParameterValue.Content c) {
        try (InputStream in = c.source().open()) {
            return files.storeUpload(tenant, c.fileName() == null ? "file" : c.fileName(), in);
        } catch (IOException e) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the upload could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean flag(Parameters p, String name, boolean fallback) {
        return p.text(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ConvertApiFailure.invalid(name, "must be true or false");
        }).orElse(fallback);
    }
}
