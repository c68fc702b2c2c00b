package io.kiln.job;

/**
 * Told when a job is deleted or swept, so records kept elsewhere about it (its webhook deliveries)
 * go with it. The job layer does not know those records; the composition root connects them.
 */
@FunctionalInterface
public interface JobRemoval {

    JobRemoval NONE = job -> { };

    void removed(Job job);
}
