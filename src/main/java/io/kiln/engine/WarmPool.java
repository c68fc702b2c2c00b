package io.kiln.engine;

import java.time.Duration;
import java.util.Map;

/** What a pool of warm engine processes (LibreOffice, Chromium) tells monitoring. */
public interface WarmPool {

    /** The pool's name in metrics: {@code office}, {@code chromium}. */
    String poolName();

    /** Processes the pool keeps. */
    int size();

    /** Processes up and taking work, idle or busy. */
    int ready();

    /** Ready processes running a conversion now. */
    int busy();

    /** Conversions waiting for a free process. */
    int waiting();

    /** Restarts so far by reason (every reason, 0 for those that never happened). */
    Map<String, Long> restartsByReason();

    /** Processes started so far, and the time their starts took in all. */
    long warmUps();

    Duration warmUpTime();
}
