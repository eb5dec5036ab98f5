package dev.givinghooks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one session and prints the table and the budget ratios:
 * {@code BenchmarkMain [quick|full] [regex]}. First all benchmarks in average-time mode on one
 * thread with the GC profiler (time and bytes allocated per operation), then the shared-verifier
 * benchmarks in throughput mode on one and on two threads. JSON results go to
 * {@code -Dbench.out} ({@code benchmarks/target/jmh} by default).
 */
public final class BenchmarkMain {
    /*
     * Settings. full: 5 forks x (3 warm-up + 5 measured iterations of 1 s). Results are the
     * median over forks of each fork's mean: allocation-heavy benchmarks differ by up to ~40 %
     * between JVM runs (JIT and heap layout), far more than between iterations of one JVM, so
     * forks, not iterations, are what a median needs. quick: 1 fork x (1 + 1 iterations of 1 s),
     * enough to prove the run works end to end, not to compare numbers. Every fork gets a fixed
     * 1 GiB heap so that heap sizing does not differ between runs or machines.
     */

    /** Every benchmark, by class and method, in report order. */
    static final List<String> ALL = List.of(
            "Floor.hmacSha256", "Floor.aesCbcDecrypt", "Floor.hexDecode",
            "Floor.jsonRecordSir", "Floor.jsonRecordChuffed", "Floor.jsonRecordTgb",
            "Ours.sirSignature", "Ours.sirForged", "Ours.sirVerify", "Ours.chuffedSignature", "Ours.chuffedVerify",
            "Ours.tgbVerify", "Ours.tgbVerifyAndKey",
            "Ours.partnerApiSign", "Servlet.filterSir",
            "Peers.stripeVerifyHeader", "Peers.stripeConstructEvent", "Peers.svixVerify", "Peers.standardWebhooksVerify");

    /** The benchmarks run on one and on two threads: the shared verifiers, and the per-thread floor for reference. */
    static final List<String> SCALING = List.of(
            "Floor.hmacSha256", "Ours.sirSignature", "Ours.sirVerify", "Ours.chuffedVerify", "Ours.tgbVerify");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        String mode = args.length > 0 ? args[0] : "full";
        Pattern filter = Pattern.compile(args.length > 1 ? args[1] : ".*");
        Settings settings = switch (mode) {
            case "quick" -> new Settings(1, 1, 1, 1);
            case "full" -> new Settings(5, 3, 5, 1);
            default -> throw new IllegalArgumentException("mode is quick or full, not " + mode);
        };
        settings = settings.overridden();
        Path out = Path.of(System.getProperty("bench.out", "benchmarks/target/jmh"));
        Files.createDirectories(out);

        List<String> latency = selected(ALL, filter);
        List<String> scaling = selected(SCALING, filter);
        System.out.printf("Mode %s: %s; %d benchmarks, %d on 1 and 2 threads; results in %s%n",
                mode, settings, latency.size(), scaling.size(), out.toAbsolutePath());

        if (!latency.isEmpty()) {
            new Runner(options(settings, latency)
                    .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .threads(1)
                    .addProfiler(GCProfiler.class)
                    .result(out.resolve(Report.LATENCY).toString())
                    .build()).run();
        }
        for (int threads : new int[] {1, 2}) {
            if (!scaling.isEmpty()) {
                new Runner(options(settings, scaling)
                        .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                        .timeUnit(TimeUnit.MILLISECONDS)
                        .threads(threads)
                        .result(out.resolve(Report.throughput(threads)).toString())
                        .build()).run();
            }
        }
        String report = Report.render(out, settings.toString());
        Files.writeString(out.resolve("report.md"), report);
        System.out.println();
        System.out.println(report);
    }

    private static List<String> selected(List<String> names, Pattern filter) {
        List<String> selected = new ArrayList<>();
        for (String name : names) {
            if (filter.matcher(name).find()) {
                selected.add(name);
            }
        }
        return selected;
    }

    private static ChainedOptionsBuilder options(Settings settings, List<String> benchmarks) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(TimeValue.seconds(settings.seconds()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.seconds(settings.seconds()))
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON);
        for (String benchmark : benchmarks) {
            options.include("^" + Pattern.quote(BenchmarkMain.class.getPackageName() + "." + benchmark) + "$");
        }
        return options;
    }

    /** Forks, warm-up and measured iterations, and seconds per iteration. */
    record Settings(int forks, int warmups, int iterations, int seconds) {
        /** Applies {@code -Dbench.forks}, {@code -Dbench.warmups}, {@code -Dbench.iterations}, {@code -Dbench.seconds}. */
        Settings overridden() {
            return new Settings(Integer.getInteger("bench.forks", forks), Integer.getInteger("bench.warmups", warmups),
                    Integer.getInteger("bench.iterations", iterations), Integer.getInteger("bench.seconds", seconds));
        }

        @Override
        public String toString() {
            return forks + " fork(s) x (" + warmups + " warm-up + " + iterations + " measured iterations of " + seconds + " s)";
        }
    }
}
