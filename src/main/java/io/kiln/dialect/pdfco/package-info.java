/**
 * The PDF.co dialect: PDF.co's JSON methods ({@code /v1/pdf/...}, {@code /v1/file/upload}) and its
 * background-job check ({@code /v1/job/check}), so a PDF.co client works against Kiln by changing only
 * its base URL. A thin adapter: it reads PDF.co parameters into a {@link io.kiln.job.JobRequest}, calls
 * {@link io.kiln.job.JobService} and renders the {@link io.kiln.job.Job} in PDF.co's shape. May depend on
 * {@code api} (auth, signed links, downloads), {@code job} and {@code storage} types; never on an engine,
 * a store or the file system.
 *
 * <p>Choices, where PDF.co's documents leave room:
 * <ul>
 *   <li><b>Parameters</b> are read from a JSON body whatever its {@code Content-Type} (PDF.co's own curl
 *   samples send JSON as curl's default form type), else from a form body, then the query string. Names
 *   are case-sensitive as PDF.co says; only {@code jobId}/{@code jobid} are accepted in both spellings.
 *   Parameters Kiln does not implement ({@code httpusername}, ...) are ignored, as
 *   PDF.co ignores unknown ones. {@code cache:} before a URL is dropped.</li>
 *   <li><b>Methods</b> ({@link io.kiln.dialect.pdfco.PdfCoMethod}): {@code from/doc}, {@code from/html}
 *   ({@code html} text, or a {@code url}), {@code from/url} (a web page printed by the browser),
 *   {@code from/image} and {@code merge} (comma-separated {@code url}s, in order), {@code to/text},
 *   {@code to/text-simple}, {@code to/png}, {@code to/jpg}, {@code to/xlsx} (Kiln's pdf → xlsx, a
 *   worksheet a page; {@code profiles} such as {@code PageToWorksheet} are ignored, and {@code to/xls},
 *   the legacy binary format, is not served), {@code split}, {@code info},
 *   {@code info/fields} (PDF.co's "PDF Forms Info Reader": the {@code info} answer with
 *   {@code FieldsInfo.Fields}, see {@link io.kiln.dialect.pdfco.FieldsInfo}; the path PDF.co documents
 *   and its samples call),
 *   {@code makesearchable} (OCR; {@code lang} as Tesseract names languages, {@code eng} by default),
 *   {@code edit/delete-pages} (pages from 1), {@code edit/rotate} ({@code angle}, pages from 0),
 *   {@code edit/add} (one object a request, of {@code images} or {@code annotations}, or {@code fields} alone, filled in
 *   ({@link io.kiln.dialect.pdfco.AddedObjects}): an image's {@code url}, {@code x}, {@code y} of its top
 *   left in points from the page's top left, {@code width}, {@code height}, {@code pages} from 0; a
 *   text's {@code text}, {@code x}, {@code y}, {@code size} (default 12), {@code color} as RRGGBB,
 *   {@code pages}, with {@code {{$$PageNumber}}} and {@code {{$$PageCount}}} written as Kiln's page
 *   numbers; {@code fields} and the older {@code *String} forms are refused by name; the font is
 *   Kiln's sans face),
 *   {@code optimize} (Kiln's {@code compress} at its default level; of {@code profiles} the
 *   {@code JPEGQuality} and {@code ResamplingResolution} are honoured, {@code ResampleImages: false}
 *   keeps images' resolution, the rest ignored), {@code security/add} (Kiln's {@code protect}: owner and
 *   user passwords, the {@code Allow*} permissions, false unless given, {@code PrintQuality},
 *   {@code EncryptionAlgorithm} AES_256bit by default or AES_128bit, RC4 refused) and
 *   {@code security/remove} ({@code password}), {@code edit/delete-text} (Kiln's {@code redact}:
 *   {@code searchStrings}, {@code regex}, {@code caseSensitive} true by default, {@code redactions}
 *   rectangles; boxes drawn only with {@code profiles} {@code UsePatch}, see DeleteTextParams). {@code pages} is 0-based for the {@code to/*} methods (PDF.co's rule:
 *   {@code 0,2-5,7-}, {@code !0} is the last page) and 1-based for {@code split} (PDF.co's example
 *   {@code 1-2,3-}); it is translated to Kiln's 1-based ranges.</li>
 *   <li><b>Answers</b>: one file → {@code url}; {@code to/png}, {@code to/jpg}, {@code split} → {@code urls}
 *   (always an array, as PDF.co does); {@code info} → {@code info} with PDF.co's names
 *   ({@code PageCount}, {@code Author}, {@code PermissionPrinting}, ...), and for {@code info/fields} also
 *   {@code FieldsInfo} {@code {Fields: [{PageIndex, Type, FieldName, AltFieldName, Value}]}}. {@code pageCount} is the pages of
 *   the outputs (output files when they have no pages; the document's pages for {@code info}).
 *   {@code to/text} with {@code inline: true} also returns the text as {@code body}.</li>
 *   <li><b>Async</b>: {@code url} is a signed result link (no key needed) that answers 404 until the job
 *   succeeds, then serves the file, or for list methods and {@code info} a JSON document (the list of
 *   links / the info), as PDF.co's {@code .json} result links do. Such a link passed back as an input
 *   {@code url} is resolved to the stored output, not fetched; so are Kiln's own file links.</li>
 *   <li><b>Links</b> live {@code expiration} minutes (default 60, PDF.co's default), never past the job's
 *   expiry. The job check cannot know the {@code expiration} of the request, so its links use 60.</li>
 *   <li><b>Sync</b> calls wait for the job up to the server's {@code --max-wait} (default 60 s); then
 *   405 "Timeout error" with the {@code jobId}: the job goes on and {@code /v1/job/check} reports it.</li>
 *   <li><b>remainingCredits</b> is the key's balance; a key without a balance (or a server without keys)
 *   is unlimited and reports 2147483647 rather than omitting the field: typed clients read a missing
 *   number as 0 and would take it for an empty account.</li>
 *   <li><b>Errors</b> ({@link io.kiln.dialect.pdfco.PdfCoErrors}): {@code {error:true, status, message}}
 *   with that HTTP status: 400 bad input and failed conversions, 401, 403 credits, 404 unknown file or
 *   link, 405 timeout, 413, 429, 5xx for server faults.</li>
 * </ul>
 */
package io.kiln.dialect.pdfco;
