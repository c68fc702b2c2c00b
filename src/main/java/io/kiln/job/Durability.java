package io.kiln.job;

/**
 * Waits until the caller's committed writes would survive the process being killed, so a job is
 * only answered as accepted once it is safe. Stores whose commits are durable need not wait.
 */
@FunctionalInterface
public interface Durability {

    Durability COMMITS_ARE_DURABLE = () -> { };

    void await();
}
