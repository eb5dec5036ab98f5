package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process harness the packaged-tool tests run on: it reads what a child prints whatever else
 * the JVM's shared pools are doing, and it fails, in bounded time, when the child misbehaves.
 */
class ChildProcessTest {
    private static final Pattern ENDPOINT = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/webhooks/chuffed)");

    @BeforeAll
    static void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    }

    private static ChildProcess sh(String script) throws Exception {
        return ChildProcess.start(new ProcessBuilder("/bin/sh", "-c", script));
    }

    /**
     * The failure behind this harness: on JDK 25 with two processors, stream reads queued on the
     * common pool behind a read that lasts as long as a long-running child. Every common-pool
     * worker is held here, and a long-running child and a short one are still read.
     */
    @Test
    void readsChildrenWhileEveryCommonPoolWorkerIsBusy() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        List<Future<?>> blockers = new ArrayList<>();
        for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
            blockers.add(ForkJoinPool.commonPool().submit(() -> {
                hold.await();
                return null;
            }));
        }
        try (ChildProcess longRunning = sh("echo 'listening on http://127.0.0.1:4711/webhooks/chuffed' >&2; read line; echo \"got $line\"")) {
            assertThat(longRunning.awaitStderr(ENDPOINT, Duration.ofSeconds(10))).isEqualTo("http://127.0.0.1:4711/webhooks/chuffed");
            try (ChildProcess shortOne = sh("printf out; printf err >&2")) {
                assertThat(shortOne.waitFor(Duration.ofSeconds(10))).isZero();
                assertThat(new String(shortOne.stdout(), StandardCharsets.UTF_8)).isEqualTo("out");
                assertThat(shortOne.stderr()).isEqualTo("err");
            }
            longRunning.stdin("bye\n".getBytes(StandardCharsets.UTF_8));
            assertThat(longRunning.waitFor(Duration.ofSeconds(10))).isZero();
            assertThat(new String(longRunning.stdout(), StandardCharsets.UTF_8)).isEqualTo("got bye\n");
        } finally {
            hold.countDown();
            for (Future<?> blocker : blockers) {
                blocker.get();
            }
        }
    }

    @Test
    void aListenerThatExitsWithoutItsEndpointFailsAtOnce() throws Exception {
        try (ChildProcess silent = sh("echo 'no port today' >&2; exit 3")) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> silent.awaitStderr(ENDPOINT, Duration.ofSeconds(30)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("exited 3").hasMessageContaining("no port today");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aListenerThatHangsWithoutItsEndpointFailsAfterTheTimeout() throws Exception {
        try (ChildProcess hanging = sh("echo starting >&2; exec sleep 60")) {
            assertThatThrownBy(() -> hanging.awaitStderr(ENDPOINT, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("within PT0.3S").hasMessageContaining("starting");
        }
    }

    @Test
    void aSenderThatExitsNonZeroReportsItsStatus() throws Exception {
        try (ChildProcess failing = sh("echo '{\"reason\":\"SIGNATURE_MISMATCH\"}'; exit 1")) {
            assertThat(failing.waitFor(Duration.ofSeconds(10))).isEqualTo(1);
        }
    }

    @Test
    void aChildThatNeverExitsFailsAfterTheTimeout() throws Exception {
        try (ChildProcess stuck = sh("exec sleep 60")) {
            assertThatThrownBy(() -> stuck.waitFor(Duration.ofMillis(300))).isInstanceOf(AssertionError.class).hasMessageContaining("still running");
        }
    }

    /** Both streams are drained at once, so a child filling both pipes does not stall. */
    @Test
    void readsMoreThanAPipeHoldsOnBothStreams() throws Exception {
        try (ChildProcess chatty = sh("head -c 1048576 /dev/zero; head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero")) {
            assertThat(chatty.waitFor(Duration.ofSeconds(20))).isZero();
            assertThat(chatty.stdout()).hasSize(2 * 1048576);
            assertThat(chatty.stderr()).hasSize(1048576);
        }
    }
}
