package io.kiln.engine.libreoffice;

import io.kiln.error.TimeLimits;
import io.kiln.engine.Availability;
import io.kiln.engine.Capability;
import io.kiln.engine.ConversionTask;
import io.kiln.engine.Converter;
import io.kiln.engine.ProducedFile;
import io.kiln.engine.pdfa.PdfaLevel;
import io.kiln.engine.pdfa.PdfaValidation;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code libreoffice} engine: office documents to PDF and to each other, and PDF to DOCX through
 * Writer's PDF import, on a {@link LibreOfficePool}. The task's time limit starts once a process is
 * taken (waiting for one is bounded by {@link #queueAllowance()}); a conversion that outlives it, or
 * whose job is cancelled, has its process killed and replaced. A conversion whose process crashes is
 * tried once more on a fresh process; one that fails after its process reached its memory limit is
 * {@code document_too_large}, whatever LibreOffice said.
 */
public final class LibreOfficeConverter implements Converter {

    private static final Logger LOG = LoggerFactory.getLogger(LibreOfficeConverter.class);
    private static final List<Capability> CAPABILITIES = OfficeCapabilities.all();
    /** Runs before a conversion counts as crashed for good. */
    private static final int ATTEMPTS = 2;

    private final LibreOfficePool pool;
    private final PackageLimits limits = PackageLimits.defaults();

    public LibreOfficeConverter(LibreOfficePool pool) {
        this.pool = pool;
    }

    @Override
    public boolean runsInServerProcess() {
        return false; // office processes of its own pool
    }

    @Override
    public String engine() {
        return "libreoffice";
    }

    @Override
    public List<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Availability availability() {
        return pool.availability();
    }

    @Override
    public Duration queueAllowance() {
        return pool.queueTimeout();
    }

    @Override
    public List<ProducedFile> convert(ConversionTask task) throws InterruptedException {
        if (CAPABILITIES.stream().noneMatch(c -> c.accepts(task.from(), task.to()))) {
            throw new ConversionFailed(ErrorCode.UNSUPPORTED_CONVERSION,
                    "The libreoffice engine cannot convert " + task.from() + " to " + task.to() + ".");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("conversion cancelled");
        }
        limits.check(task.input()); // before a process inflates it
        String name = task.baseName() + "." + task.to();
        Path target = task.workDir().resolve(safe(name));
        try (SourceFile source = SourceFile.of(task.input(), task.from(), pool.settings().workDir().resolve("inputs"))) {
            OfficeConversion done = run(task, source.path(), target);
            Integer pages = done.pageCount();
            switch (task.to()) {
                case "pdf" -> {
                    pages = PdfOutput.finish(target, task.options().pages(), task.maxPages());
                    if (task.options().bool("pdfa", false)) {
                        PdfaValidation.require(target, PdfaLevel.A2B); // LibreOffice's claim is checked, not trusted
                    }
                }
                case "html" -> HtmlImages.inline(target);
                default -> {
                    // written as it is
                }
            }
            return List.of(new ProducedFile(target, name, task.to(), pages));
        } catch (IOException e) {
            throw new ConversionFailed(ErrorCode.ENGINE_FAILED, "LibreOffice wrote a " + task.to()
                    + " file that could not be read back.", e);
        } catch (ConversionFailed | InterruptedException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** Runs the conversion on a pooled process within the task's limit, once more if the process crashed. */
    private OfficeConversion run(ConversionTask task, Path source, Path target) throws InterruptedException {
        Duration limit = task.timeout() == null || !task.timeout().isPositive()
                ? pool.settings().taskTimeout() : task.timeout();
        long budget = limit.toNanos();
        for (int attempt = 1; ; attempt++) {
            OfficeProcess process = pool.acquire();
            OfficeConversion job = new OfficeConversion(source, task.from(), task.to(), target, task.options(),
                    task.maxPages());
            long started = System.nanoTime();
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            Thread.ofVirtual().name("kiln-office-task").start(() -> {
                try {
                    process.execute(job);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            });
            try {
                outcome.get(Math.max(0, budget), TimeUnit.NANOSECONDS);
                pool.release(process);
                return job;
            } catch (TimeoutException e) {
                pool.restart(process, RestartReason.TIMEOUT);
                throw new ConversionFailed(ErrorCode.TIMEOUT,
                        "The conversion took longer than its limit of " + TimeLimits.said(limit) + ".");
            } catch (InterruptedException e) {
                pool.restart(process, RestartReason.CANCELLED);
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (process.reachedMemoryLimit()) {
                    // refused allocations: LibreOffice blames the document ("damaged") or dies; again if tried again
                    pool.restart(process, RestartReason.MEMORY);
                    throw new ConversionFailed(ErrorCode.DOCUMENT_TOO_LARGE, "The document needs more memory than a"
                            + " conversion may use (" + (pool.settings().memoryLimitBytes() >> 20) + " MiB).", cause);
                }
                if (cause instanceof DocumentRejected rejected) {
                    pool.release(process);
                    LOG.debug("LibreOffice rejected the document; it asked {}", job.answers().requests(), cause);
                    throw rejected.failure();
                }
                if (!process.isAlive() || OfficeFailures.lostProcess(cause)) {
                    pool.restart(process, RestartReason.CRASH);
                    budget -= System.nanoTime() - started;
                    if (attempt < ATTEMPTS && budget > 0) {
                        LOG.warn("{} crashed converting {} to {}; trying once more", process, task.from(), task.to());
                        continue;
                    }
                    throw new ConversionFailed(ErrorCode.ENGINE_FAILED,
                            "LibreOffice crashed while converting the document, also when tried again.", cause);
                }
                pool.release(process);
                throw OfficeFailures.unexpected(cause, task.from(), task.to());
            }
        }
    }

    /** The on-disk form of a client's file name: safe characters only, never leaving the work directory. */
    private static String safe(String name) {
        String safe = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return safe.startsWith(".") ? "_" + safe : safe;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the job's work directory is removed with the job
        }
    }
}
