package io.kiln.api;

import io.kiln.job.Caller;
import java.util.Optional;

/** Who a presented API key belongs to. With no keys configured, everyone is the {@link #PUBLIC} tenant. */
public interface Tenants {

    String PUBLIC = "public";

    /** True when no keys are configured: no key is needed, and the server binds loopback only. */
    boolean open();

    /** The tenant and key a presented key stands for, if it is valid. */
    Optional<Caller> callerFor(String key);
}
