package org.operando.util;

/**
 * Receives progress of long work. Core algorithms report through this interface so that the command
 * line can show a progress bar without the core depending on any user-interface library.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override public void start(String task, long total) { }
        @Override public void advance(long steps) { }
        @Override public void finish() { }
    };

    /** Work named {@code task} of {@code total} steps begins ({@code total} &lt; 0 if unknown). */
    void start(String task, long total);

    /** {@code steps} more steps are done. Must be thread-safe. */
    void advance(long steps);

    /** The current task is over. */
    void finish();
}
