/**
 * The pdfRest dialect: {@code POST /convert} ({@code {"source": URL, "format": ext}} as JSON, or a
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
 *   <li>Errors are {@code {"error": message}} with Kiln's status for the error code
 *   ({@link io.kiln.api.Problems#status}): 400, 401, 402, 404, 413, 422, 429, 5xx.</li>
 * </ul>
 */
package io.kiln.dialect.pdfrest;
