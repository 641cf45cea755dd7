package org.operando.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Process-wide thread count for parallel numerical work. The command line sets it from {@code --threads};
 * the default is every available core.
 */
public final class Parallel {
    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static volatile ForkJoinPool pool;

    private Parallel() { }

    public static int threads() {
        return threads;
    }

    /** Sets the number of worker threads (at least 1). */
    public static synchronized void setThreads(int n) {
        InvalidInputException.require(n >= 1, "--threads must be at least 1, got " + n);
        if (n != threads) {
            threads = n;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) {
                old.shutdown();
            }
        }
    }

    /** The shared pool with {@link #threads()} workers. */
    public static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Runs {@code body} for every index in [from, to) on the shared pool. */
    public static void forRange(int from, int to, IntConsumer body) {
        if (to <= from) {
            return;
        }
        if (threads == 1 || to - from == 1) {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            pool().submit(() -> IntStream.range(from, to).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * Runs {@code body} for every index in [from, to) on the shared pool, handing out one index at a time to whichever
     * worker is free (in increasing order). For few, long and unequal tasks (blocks of detector frames), where
     * {@link #forRange}'s static split into chunks can leave one worker alone with the last chunk. After a task
     * fails no further index is started; the first failure is rethrown.
     */
    public static void forEachDynamic(int from, int to, IntConsumer body) {
        if (to <= from) {
            return;
        }
        int workers = Math.min(threads, to - from);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(from);
        forRange(0, workers, w -> {
            for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (RuntimeException | Error ex) {
                    next.set(to);
                    throw ex;
                }
            }
        });
    }
}
