package io.kiln.dialect.pdfrest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.api.Json;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import io.kiln.job.FileService;
import io.kiln.job.Job;
import io.kiln.job.JobInput;
import io.kiln.job.JobOutput;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished operation as pdfRest answers it: {@code {outputUrl, outputId, inputId}}, with the arrays
 * of {@link PdfRestOperation.Answer}, the {@code /pdf-info} keys, or {@code /extracted-text}'s text. The same body serves the sync
 * answer and a completed {@code /request-status}.
 */
final class OperationView {

    private final ResourceLinks links;
    private final FileService files;

    OperationView(ResourceLinks links, FileService files) {
        this.links = links;
        this.files = files;
    }

    /** @param queries the {@code /pdf-info} queries asked (ignored for other operations) */
    Map<String, Object> render(String base, Job job, List<String> queries) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> inputIds = job.inputs().stream().map(JobInput::fileId).toList();
        PdfRestOperation.Answer shape = PdfRestOperation.answerFor(job.to());
        if (shape == PdfRestOperation.Answer.INFO) {
            PdfInfoQueries.answer(m, queries, report(job), file(job.tenant(), inputIds.getFirst()));
            m.put("inputId", inputIds.getFirst());
            return m;
        }
        if (shape == PdfRestOperation.Answer.TEXT) {
            ExtractedTextAnswer.put(m, report(job), "true".equals(job.options().get("words")));
            m.put("inputId", inputIds.getFirst());
            return m;
        }
        List<String> urls = job.outputs().stream().map(o -> links.url(base, o.fileId(), job.expiresAt())).toList();
        List<String> ids = job.outputs().stream().map(JobOutput::fileId).toList();
        boolean outputsListed = shape == PdfRestOperation.Answer.OUTPUTS_LISTED;
        m.put("outputUrl", outputsListed ? urls : urls.getFirst());
        m.put("outputId", outputsListed ? ids : ids.getFirst());
        m.put("inputId", shape == PdfRestOperation.Answer.INPUTS_LISTED ? inputIds : inputIds.getFirst());
        return m;
    }

    private StoredFile file(String tenant, String id) {
        return files.find(tenant, id).orElseThrow(() ->
                new ConversionFailed(ErrorCode.NOT_FOUND, "the resource " + id + " is gone"));
    }

    private JsonNode report(Job job) {
        StoredFile out = file(job.tenant(), job.outputs().getFirst().fileId());
        try (InputStream in = files.open(out)) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.INTERNAL, "the result of request " + job.id() + " cannot be read", e);
        }
    }
}
