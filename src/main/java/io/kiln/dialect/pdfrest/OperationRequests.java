package io.kiln.dialect.pdfrest;

import io.javalin.http.UploadedFile;
import io.kiln.error.ErrorCode;
import io.kiln.error.RequestRejected;
import io.kiln.job.FileNames;
import io.kiln.job.FileService;
import io.kiln.job.JobInput;
import io.kiln.job.JobRequest;
import io.kiln.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a pdfRest operation's input ({@code file} parts or resource {@code id}s) and parameters into a
 * job request. Options are mapped, and so checked, before any upload is stored: a refused request
 * leaves nothing behind.
 */
final class OperationRequests {

    /** What jobs started by the operation routes record as their dialect; the seed's {@code /convert} records {@link PdfRestRequests#DIALECT}. */
    static final String DIALECT = "pdfrest-cloud";

    private final FileService files;

    OperationRequests(FileService files) {
        this.files = files;
    }

    JobRequest read(PdfRestOperation op, PdfRestParams params, String tenant) {
        Map<String, String> options = new LinkedHashMap<>(op.options.apply(params));
        List<Source> sources = new ArrayList<>(sources(op, params));
        secondFile(op, params).ifPresent(sources::add);
        List<StoredFile> inputs = new ArrayList<>();
        List<StoredFile> uploads = new ArrayList<>();
        List<JobInput> jobInputs = new ArrayList<>();
        for (Source s : sources) {
            if (s.upload() != null) {
                StoredFile f = store(tenant, s.upload());
                uploads.add(f);
                inputs.add(f);
                jobInputs.add(JobInput.upload(f.id()));
            } else {
                StoredFile f = files.find(tenant, s.id()).orElseThrow(() -> {
                    uploads.forEach(files::delete);
                    return new RequestRejected(ErrorCode.NOT_FOUND, "no resource with id " + s.id());
                });
                inputs.add(f);
                jobInputs.add(JobInput.file(f.id()));
            }
        }
        if (op != PdfRestOperation.INFO) {
            options.put("name", params.text("output")
                    .orElseGet(() -> op.defaultOutput(FileNames.base(inputs.getFirst().name()))));
        }
        return new JobRequest(op.target, Optional.empty(), options, jobInputs, Optional.empty(), Optional.empty(),
                DIALECT, uploads);
    }

    /** One input: an uploaded part, or the id of a stored resource. */
    private record Source(UploadedFile upload, String id) {
    }

    /** The file a route takes after the document (an image, form data): its part, or its id. */
    private static Optional<Source> secondFile(PdfRestOperation op, PdfRestParams params) {
        if (op.secondFile == null) {
            return Optional.empty();
        }
        List<UploadedFile> parts = params.files(op.secondFile.part());
        List<String> ids = params.list(op.secondFile.id());
        if (parts.size() + ids.size() > 1) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send one " + op.secondFile.part() + " or one "
                    + op.secondFile.id() + ", not both");
        }
        if (!parts.isEmpty()) {
            return Optional.of(new Source(parts.getFirst(), null));
        }
        if (!ids.isEmpty()) {
            return Optional.of(new Source(null, ids.getFirst()));
        }
        if (op.secondFile.required()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, op.secondFile.part() + " or " + op.secondFile.id() + " is required");
        }
        return Optional.empty();
    }

    private static List<Source> sources(PdfRestOperation op, PdfRestParams params) {
        List<UploadedFile> parts = params.files();
        List<String> ids = params.list("id");
        if (parts.isEmpty() && ids.isEmpty()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "file or id is required");
        }
        if (!op.takesManyInputs()) {
            if (!parts.isEmpty() && !ids.isEmpty()) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "This route will only accept a File or an ID, not both.");
            }
            if (parts.size() + ids.size() > 1) {
                throw new RequestRejected(ErrorCode.BAD_REQUEST, "send one file or one id");
            }
        }
        // merge: type[] says, input by input, whether the next one is a file part or an id
        List<String> types = params.list("type");
        if (types.isEmpty()) {
            List<Source> out = new ArrayList<>();
            parts.forEach(p -> out.add(new Source(p, null)));
            ids.forEach(i -> out.add(new Source(null, i)));
            return out;
        }
        if (types.size() != parts.size() + ids.size()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "send one type[] (file or id) per input");
        }
        Iterator<UploadedFile> nextPart = parts.iterator();
        Iterator<String> nextId = ids.iterator();
        List<Source> out = new ArrayList<>();
        for (String t : types) {
            switch (t) {
                case "file" -> {
                    if (!nextPart.hasNext()) {
                        throw new RequestRejected(ErrorCode.BAD_REQUEST, "type[] names more files than were sent");
                    }
                    out.add(new Source(nextPart.next(), null));
                }
                case "id" -> {
                    if (!nextId.hasNext()) {
                        throw new RequestRejected(ErrorCode.BAD_REQUEST, "type[] names more ids than were sent");
                    }
                    out.add(new Source(null, nextId.next()));
                }
                default -> throw new RequestRejected(ErrorCode.BAD_REQUEST, "type[] must be file or id, not '" + t + "'");
            }
        }
        return out;
    }

    private StoredFile store(String tenant, UploadedFile part) {
        try (InputStream in = part.content()) {
            return files.storeUpload(tenant, part.filename(), in);
        } catch (IOException e) {
            throw new RequestRejected(ErrorCode.MALFORMED_BODY, "the upload could not be read: " + e.getMessage());
        }
    }
}
