/**
 * The pdfRest dialect: its Cloud API's operation routes (below), and the seed's {@code POST /convert} ({@code {"source": URL, "format": ext}} as JSON, or a
 * multipart {@code file} and {@code format}) starts a job, {@code GET /request-status/{id}} polls it.
 * A thin adapter over {@link io.kiln.job.JobService}; may depend on {@code api} (auth, signed links),
 * {@code job} and {@code storage} types, never on an engine, a store or the file system.
 *
 * <p>Choices, where pdfRest's document leaves room:
 * <ul>
 *   <li>The key is taken from {@code Api-Key}, else {@code Authorization: Bearer} (or Kiln's own forms).</li>
 *   <li>{@code /convert} answers 200 {@code {"id", "status": "processing"}}: the document shows it as a plain
 *   successful answer, and 202 is what {@code /request-status} uses for "still processing".</li>
 *   <li>{@code format} is the target ({@code pdf}, {@code docx}, {@code png}, {@code jpg}/{@code jpeg},
 *   {@code txt}/{@code text}, {@code tiff}/{@code tif}, ...); the source format is detected from the
 *   content. {@code output} names the result; any other field is passed to Kiln as an engine option
 *   ({@code pages}, {@code password}, {@code dpi}, ...) and an unknown one is refused naming it.</li>
 *   <li>{@code /request-status/{id}}: 202 processing (queued or running); 200 completed with
 *   {@code result}, a signed link that needs no key and that Kiln resolves internally when it is passed
 *   back as a {@code source} (several outputs, e.g. one png per page: {@code result} is the first and
 *   {@code results} lists all); 422 failed with {@code error}, because the poll itself was fine and it is
 *   the document that could not be processed (aborted jobs too); 404 for an id unknown, deleted or
 *   expired.</li>
 *   <li>The Cloud API's own routes ({@link io.kiln.dialect.pdfrest.PdfRestOperation}, one line each, over
 *   Kiln's native PDF targets): multipart {@code file} or {@code id} (not both: 400), or JSON; array
 *   parameters as {@code name[]} or JSON arrays. pdfRest's defaults are passed explicitly where Kiln's
 *   differ (watermark: 72 pt, black, 0.5 opaque, not turned, centred). {@code last} in page lists is
 *   Kiln's {@code !1}; {@code even}/{@code odd} and per-input merge pages are refused by name;
 *   {@code font} is ignored (Kiln's sans face). A watermark's {@code x}/{@code y} shift it from where
 *   the alignments put it (points, right and up). {@code watermark_file} / {@code watermark_file_id} is a
 *   PDF, as in pdfRest's samples (its first page is drawn, as vector content), or a PNG or JPEG;
 *   {@code /pdf-with-added-image}'s {@code image_file} / {@code image_id} a PNG or JPEG. The mark is the
 *   job's second input, listed in the watermark's {@code inputId}; it is fitted into half the page. {@code /pdf-with-added-image} puts the image's bottom left corner
 *   at {@code x}, {@code y} points from the page's bottom left on {@code page} (default 1), drawn
 *   fitted into a fifth of the page (Kiln's stamp size), as the reference gives no size.
 *   {@code /pdf-with-added-text} writes one of {@code text_objects} (several are refused: Kiln draws one
 *   mark a job) with its text's bottom left at {@code x}, {@code y} ({@link io.kiln.dialect.pdfrest.AddedTextParams}).
 *   {@code /compressed-pdf}'s {@code compression_level} low, medium and high are Kiln's compress levels of
 *   those names; {@code custom} (a profile file in pdfRest's own format) is refused by name. {@code /pdfa}'s
 *   {@code output_type} is Kiln's pdfa level; {@code rasterize_if_errors_encountered=on} is refused. The
 *   redaction pair is Kiln's {@code redact} with {@code preview}, then applying the preview's marks
 *   ({@link io.kiln.dialect.pdfrest.RedactionParams}: presets are Kiln's own expressions).
 *   {@code /exported-form-data} is Kiln's {@code form-data} ({@code data_format} fdf or xfdf; pdfRest's
 *   {@code xml} and the XFA formats are refused by name); {@code /pdf-with-imported-form-data} is
 *   {@code fill-form} with the {@code data_file} (or {@code data_file_id}) after the document. {@code /restricted-pdf}'s restrictions map one
 *   to one onto protect's permissions ({@code print_high} is high-quality printing only,
 *   {@code edit_document_assembly} is assembly). {@code /pdf-with-ocr-text} is Kiln's {@code ocr}
 *   ({@code languages} English, German, ... as Tesseract's codes); {@code /word} and {@code /powerpoint}
 *   are pdf → docx and pdf → pptx by LibreOffice's PDF import; {@code /excel} is Kiln's pdf → xlsx (the
 *   pdf engine's: each page's text as cells, a worksheet a page), with {@code file} or {@code id} and
 *   {@code output} only, as the reference lists. {@code /extracted-text} is Kiln's
 *   {@code text-json} ({@link io.kiln.dialect.pdfrest.ExtractedTextParams}): its answer is the reference's
 *   {@code output_type = json} body, {@code words} (each with {@code page}, the four {@code coordinates}
 *   corners in points from the page's bottom left with {@code word_coordinates}, {@code style} font and
 *   colour with {@code word_style}) and {@code fullText} (a string, or {@code {pages: [{page, text}]}} with
 *   {@code by_page}); {@code output_type=file} is refused, as the file would be Kiln's own JSON.</li>
 *   <li>Their answer is {@code {outputUrl, outputId, inputId}} (split: arrays of outputs; merge and
 *   watermark: an array {@code inputId}, as the vendor's samples read {@code inputId[0]}); {@code /pdf-info}
 *   answers the queries Kiln's info report can, naming the rest in {@code warning}.</li>
 *   <li>{@code outputUrl} is {@code /resource/{id}?format=file} plus Kiln's signature, so it downloads
 *   without a key; {@code /resource/{id}} without a key or signature is 401.</li>
 *   <li>{@code Response-Type: requestId} (or the reference's {@code Request-Type}) answers
 *   {@code {"requestId"}}. {@code /request-status} tells the two kinds of job apart by the dialect the job
 *   records at submission: {@code pdfrest-cloud} jobs are answered pending/completed in the Cloud shape,
 *   {@code pdfrest} ones (the seed's {@code /convert}) as above. A polled {@code /pdf-info} answers every
 *   query Kiln can: the job does not keep the queries.</li>
 *   <li>{@code POST /upload} is served only when ConvertAPI, whose upload has the same path, is mounted
 *   elsewhere; otherwise send {@code file} to each route.</li>
 *   <li>Errors are {@code {"error": message}} with Kiln's status for the error code
 *   ({@link io.kiln.api.Problems#status}): 400, 401, 402, 404, 413, 422, 429, 5xx.</li>
 * </ul>
 */
package io.kiln.dialect.pdfrest;
