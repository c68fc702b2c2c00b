package io.kiln.engine;

/** Whether an engine can take work, and why not when it cannot. */
public record Availability(State state, String detail) {

    public enum State { READY, WARMING, UNAVAILABLE }

    public static Availability ready() {
        return new Availability(State.READY, "ready");
    }

    public static Availability warming(String detail) {
        return new Availability(State.WARMING, detail);
    }

    public static Availability unavailable(String detail) {
        return new Availability(State.UNAVAILABLE, detail);
    }

    public boolean isReady() {
        return state == State.READY;
    }
}
