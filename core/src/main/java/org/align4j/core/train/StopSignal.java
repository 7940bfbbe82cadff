package org.align4j.core.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a training loop to stop at the next step boundary, saving a checkpoint first, and lets the
 * asker wait until it has. {@link #installShutdownHook} wires it to Ctrl-C (SIGINT/SIGTERM): the hook
 * requests the stop and holds the JVM open until the loop has saved and released it.
 */
public final class StopSignal {
    private volatile boolean requested;
    private volatile boolean running;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /** Requests a stop; the loop sees it at its next step boundary. */
    public void requestStop() {
        requested = true;
    }

    public boolean stopRequested() {
        return requested;
    }

    /** Called by the loop when it starts. */
    public void started() {
        running = true;
    }

    /** Called by the loop when it has finished or stopped (after its last save); releases waiters. */
    public void finished() {
        running = false;
        done.countDown();
    }

    /** Waits until the loop has finished; false on timeout. */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return !running || done.await(timeout, unit);
    }

    /**
     * Installs a JVM shutdown hook (Ctrl-C) that requests a stop and waits up to {@code maxWait} for
     * the loop to save its checkpoint. Remove it with {@link #removeShutdownHook} after the run.
     */
    public synchronized StopSignal installShutdownHook(long maxWaitSeconds) {
        if (hook == null) {
            hook = new Thread(() -> {
                if (!running) {
                    return;
                }
                requestStop();
                System.err.println("\nstop requested: saving a checkpoint at the end of this step...");
                try {
                    if (!awaitFinished(maxWaitSeconds, TimeUnit.SECONDS)) {
                        System.err.println("the checkpoint did not finish within " + maxWaitSeconds
                                + " s; exiting without it (the previous checkpoint is intact)");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "align4j-stop-on-signal");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        return this;
    }

    /** Removes the hook installed by {@link #installShutdownHook}, unless the JVM is already shutting down. */
    public synchronized void removeShutdownHook() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it returns as soon as finished() has been called
            }
            hook = null;
        }
    }
}
