package org.operando.cli;

import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.operando.util.ProgressListener;

/**
 * Progress bars on stderr for long work. A bar appears only once a task has run for more than a second, so
 * quick commands stay quiet; nothing is drawn when stderr is not wanted ({@code quiet}).
 */
public final class CliProgress implements ProgressListener {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private final boolean quiet;
    private final AtomicLong done = new AtomicLong();
    private volatile String task;
    private volatile long total;
    private volatile long startNanos;
    private volatile ProgressBar bar;

    public CliProgress(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public synchronized void start(String taskName, long totalSteps) {
        finish();
        this.task = taskName;
        this.total = totalSteps;
        this.done.set(0);
        this.startNanos = System.nanoTime();
    }

    @Override
    public void advance(long steps) {
        long now = done.addAndGet(steps);
        if (quiet) {
            return;
        }
        ProgressBar b = bar;
        if (b == null && System.nanoTime() - startNanos > SHOW_AFTER_NANOS) {
            synchronized (this) {
                if (bar == null && task != null) {
                    bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                            .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                            .setUpdateIntervalMillis(250).continuousUpdate().build();
                }
                b = bar;
            }
        }
        if (b != null) {
            b.stepTo(now);
        }
    }

    @Override
    public synchronized void finish() {
        if (bar != null) {
            bar.stepTo(done.get());
            bar.close();
            bar = null;
        }
        task = null;
    }
}
