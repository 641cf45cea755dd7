package org.operando.integrate;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.operando.data.Frame;
import org.operando.data.FrameSource;
import org.operando.util.ProgressListener;

/**
 * Integrates a stack of frames one at a time in constant memory: frame k+1 is read (decompressed) on a helper
 * thread while frame k is integrated, and each result is handed to a consumer and then dropped.
 */
public final class StackIntegration {
    private StackIntegration() { }

    /** Receives the sums of one frame. */
    @FunctionalInterface
    public interface FrameResult {
        void accept(int frameIndex, Integrator.Sums sums) throws IOException;
    }

    /**
     * Integrates frames [0, n) of {@code source} with {@code integrator}, reporting progress; {@code offset} is added
     * to the frame index given to {@code out} (for several inputs written as one stack).
     */
    public static void run(Integrator integrator, FrameSource source, int offset, ProgressListener progress,
                           FrameResult out) throws IOException {
        int n = source.frameCount();
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "operando-frame-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<Frame> next = read(reader, source, 0);
            for (int i = 0; i < n; i++) {
                Frame f = join(next);
                next = i + 1 < n ? read(reader, source, i + 1) : null;
                integrator.geometry().detector().requireShape(f.width(), f.height(),
                        source.description() + " frame " + i);
                out.accept(offset + i, integrator.accumulate(f.data(), null));
                progress.advance(1);
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private static CompletableFuture<Frame> read(ExecutorService reader, FrameSource source, int index) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return source.read(index);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, reader);
    }

    private static Frame join(CompletableFuture<Frame> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }
}
