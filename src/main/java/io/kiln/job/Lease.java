package io.kiln.job;

/** The running worker's current view of its claimed job; replaced after each lease renewal. */
final class Lease {

    private volatile Job job;

    Lease(Job job) {
        this.job = job;
    }

    Job job() {
        return job;
    }

    void renewed(Job newer) {
        this.job = newer;
    }
}
