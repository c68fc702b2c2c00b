package io.kiln.job;

import io.kiln.storage.FileCatalog;
import io.kiln.storage.StoredFile;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes jobs and files whose time is up. Run periodically; tests call {@link #sweepOnce} with a set clock. */
public final class Sweeper {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    private static final int BATCH = 500;

    private final JobStore store;
    private final FileCatalog catalog;
    private final FileService files;
    private final JobEvents events;
    private final Clock clock;
    private final JobRemoval removal;

    public Sweeper(JobStore store, FileCatalog catalog, FileService files, JobEvents events, Clock clock,
                   JobRemoval removal) {
        this.removal = removal;
        this.store = store;
        this.catalog = catalog;
        this.files = files;
        this.events = events;
        this.clock = clock;
    }

    /** @return how many jobs and files were deleted */
    public int sweepOnce() {
        int n = 0;
        var now = clock.instant();
        for (Job job : store.expired(now, BATCH)) {
            if (store.delete(job.tenant(), job.id())) {
                files.byJob(job.tenant(), job.id()).forEach(files::delete);
                removal.removed(job);
                events.ended(job);
                n++;
            }
        }
        for (StoredFile f : catalog.expired(now, BATCH)) {
            files.delete(f);
            n++;
        }
        if (n > 0) {
            LOG.info("swept {} expired jobs and files", n);
        }
        return n;
    }
}
