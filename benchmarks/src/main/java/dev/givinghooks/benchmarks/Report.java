package dev.givinghooks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JMH's JSON results and renders the Markdown table and the budget ratios. Every figure is
 * the median over forks of each fork's mean, so one unlucky JVM does not move it. Can also be run
 * alone on earlier results: {@code Report <results directory>}.
 */
public final class Report {
    /** The average-time results with the GC profiler, one thread. */
    static final String LATENCY = "latency.json";
    static final int[] SIZES = {1024, 16384};

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String ALLOC = "gc.alloc.rate.norm";

    private final Map<String, Double> time = new HashMap<>();
    private final Map<String, Double> alloc = new HashMap<>();
    private final Map<String, Double> thrpt1 = new HashMap<>();
    private final Map<String, Double> thrpt2 = new HashMap<>();
    private final StringBuilder out = new StringBuilder();
    private int misses;

    private Report() {
    }

    static String throughput(int threads) {
        return "throughput-" + threads + "t.json";
    }

    public static void main(String[] args) throws IOException {
        System.out.println(render(Path.of(args.length > 0 ? args[0] : "benchmarks/target/jmh"), "as recorded in the JSON files"));
    }

    static String render(Path dir, String settings) throws IOException {
        Report report = new Report();
        report.read(dir.resolve(LATENCY), report.time, report.alloc);
        report.read(dir.resolve(throughput(1)), report.thrpt1, null);
        report.read(dir.resolve(throughput(2)), report.thrpt2, null);
        return report.render(settings);
    }

    private void read(Path file, Map<String, Double> primary, Map<String, Double> allocation) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (JsonNode run : MAPPER.readTree(file.toFile())) {
            String name = run.get("benchmark").asString();
            String key = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1) + "@" + run.get("params").get("size").asString();
            primary.put(key, medianOfForks(run.get("primaryMetric")));
            if (allocation != null) {
                run.get("secondaryMetrics").properties().forEach(metric -> {
                    if (metric.getKey().replace("·", "").equals(ALLOC)) {
                        allocation.put(key, medianOfForks(metric.getValue()));
                    }
                });
            }
        }
    }

    /** The median over forks of each fork's mean iteration score. */
    private static double medianOfForks(JsonNode metric) {
        JsonNode forks = metric.get("rawData");
        double[] means = new double[forks.size()];
        for (int f = 0; f < means.length; f++) {
            double sum = 0;
            for (JsonNode iteration : forks.get(f)) {
                sum += iteration.asDouble();
            }
            means[f] = sum / forks.get(f).size();
        }
        Arrays.sort(means);
        int n = means.length;
        return n % 2 == 1 ? means[n / 2] : (means[n / 2 - 1] + means[n / 2]) / 2;
    }

    private String render(String settings) {
        line("Settings: " + settings + "; figures are medians over forks of each fork's mean.");
        line("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; " + Runtime.getRuntime().availableProcessors() + " CPUs; " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch") + ".");
        line("");
        line("### Time and allocation per operation (1 thread)");
        line("");
        line("| benchmark | 1 KiB ns/op | 16 KiB ns/op | 1 KiB B/op | 16 KiB B/op |");
        line("|---|---:|---:|---:|---:|");
        for (String name : BenchmarkMain.ALL) {
            if (time.containsKey(name + "@1024") || time.containsKey(name + "@16384")) {
                line("| " + name + " | " + num(time.get(name + "@1024")) + " | " + num(time.get(name + "@16384")) + " | "
                        + num(alloc.get(name + "@1024")) + " | " + num(alloc.get(name + "@16384")) + " |");
            }
        }

        line("");
        line("### Budgets: ours against the floor (ratio of times; a miss is a bug in the library)");
        line("");
        line("| budget | 1 KiB | 16 KiB | limit |");
        line("|---|---:|---:|---:|");
        atMost("SIR signature check / HMAC floor", s -> ratio("Ours.sirSignature", s, "Floor.hmacSha256"), 1.08);
        atMost("Chuffed signature check / HMAC floor", s -> ratio("Ours.chuffedSignature", s, "Floor.hmacSha256"), 1.25);
        atMost("SIR verify + typed event / (HMAC + record parse)",
                s -> ratio("Ours.sirVerify", s, "Floor.hmacSha256", "Floor.jsonRecordSir"), 1.05);
        atMost("Chuffed verify + typed event / (HMAC + record parse)",
                s -> ratio("Ours.chuffedVerify", s, "Floor.hmacSha256", "Floor.jsonRecordChuffed"), 1.2);
        atMost("TGB decrypt + typed event / (hex + AES + record parse)",
                s -> ratio("Ours.tgbVerify", s, "Floor.hexDecode", "Floor.aesCbcDecrypt", "Floor.jsonRecordTgb"), 1.3);
        line("");
        line("Allocation of the signature checks: at most 512 B per call, and independent of body size "
                + "(16 KiB within 64 B of 1 KiB).");
        line("");
        line("| signature check | 1 KiB B/op | 16 KiB B/op | verdict |");
        line("|---|---:|---:|---|");
        for (String check : List.of("Ours.sirSignature", "Ours.chuffedSignature")) {
            allocation(check, alloc.get(check + "@1024"), alloc.get(check + "@16384"));
        }

        line("");
        line("### Peers: how many times slower than ours (same body, each with its own valid signature)");
        line("");
        line("| peer / ours | 1 KiB | 16 KiB | budget at 1 KiB |");
        line("|---|---:|---:|---|");
        // Regression guards at what the measurements support (Svix and Standard Webhooks do the
        // same HMAC with a Base64 signature; stripe-java parses its event with Gson).
        for (String peer : List.of("Peers.svixVerify", "Peers.standardWebhooksVerify")) {
            peer(peer, "Ours.sirSignature", 1.6);
        }
        peer("Peers.stripeConstructEvent", "Ours.sirVerify", 3.0);
        Double stripe = ratio("Peers.stripeVerifyHeader", 1024, "Ours.sirSignature");
        line("| Peers.stripeVerifyHeader / Ours.sirSignature | " + ratioText(stripe) + " | "
                + ratioText(ratio("Peers.stripeVerifyHeader", 16384, "Ours.sirSignature")) + " | (no budget) |");
        line("");
        line("| other comparisons | 1 KiB | 16 KiB | |");
        line("|---|---:|---:|---|");
        line("| Ours.sirForged / Ours.sirSignature (refusing a forgery vs accepting) | "
                + ratioText(ratio("Ours.sirForged", 1024, "Ours.sirSignature")) + " | "
                + ratioText(ratio("Ours.sirForged", 16384, "Ours.sirSignature")) + " | (no budget) |");
        line("| Ours.tgbVerifyAndKey / Ours.tgbVerify (deriving the idempotency key) | "
                + ratioText(ratio("Ours.tgbVerifyAndKey", 1024, "Ours.tgbVerify")) + " | "
                + ratioText(ratio("Ours.tgbVerifyAndKey", 16384, "Ours.tgbVerify")) + " | (no budget) |");
        line("| Servlet.filterSir / Ours.sirVerify (the servlet adapter's share) | "
                + ratioText(ratio("Servlet.filterSir", 1024, "Ours.sirVerify")) + " | "
                + ratioText(ratio("Servlet.filterSir", 16384, "Ours.sirVerify")) + " | (no budget) |");

        line("");
        line("### Scaling: throughput with the verifier shared by 2 threads / 1 thread (budget ≥ 1.8)");
        line("");
        line("| benchmark | size | 1 thread ops/ms | 2 threads ops/ms | ratio | verdict |");
        line("|---|---:|---:|---:|---:|---|");
        for (String name : BenchmarkMain.SCALING) {
            for (int size : SIZES) {
                Double one = thrpt1.get(name + "@" + size);
                Double two = thrpt2.get(name + "@" + size);
                if (one == null && two == null) {
                    continue;
                }
                Double scale = one == null || two == null ? null : two / one;
                String verdict = scale == null ? "n/a" : scale >= 1.8 ? "within" : miss();
                line("| " + name + " | " + size + " | " + num(one) + " | " + num(two) + " | " + ratioText(scale) + " | " + verdict + " |");
            }
        }
        line("");
        line(misses + " budget(s) missed.");
        return out.toString();
    }

    /** A peer's time over ours at 1 KiB, with its budget: at least {@code limit} times slower. */
    private void peer(String peer, String ours, double limit) {
        Double small = ratio(peer, 1024, ours);
        String verdict = small == null ? "n/a" : small >= limit ? "≥ " + limit + ": within" : "< " + limit + ": " + miss();
        line("| " + peer + " / " + ours + " | " + ratioText(small) + " | " + ratioText(ratio(peer, 16384, ours)) + " | " + verdict + " |");
    }

    private void allocation(String label, Double small, Double large) {
        String verdict = small == null || large == null ? "n/a"
                : small <= 512 && large <= 512 && Math.abs(large - small) <= 64 ? "within" : miss();
        line("| " + label + " | " + num(small) + " | " + num(large) + " | " + verdict + " |");
    }

    private void atMost(String label, ToDoubleFunctionOrNull ratio, double limit) {
        StringBuilder row = new StringBuilder("| " + label + " | ");
        for (int size : SIZES) {
            Double value = ratio.apply(size);
            row.append(ratioText(value)).append(value == null ? "" : value <= limit ? "" : " " + miss()).append(" | ");
        }
        line(row.append("≤ ").append(limit).append(" |").toString());
    }

    /** A time ratio: the benchmark over the sum of the others at one size; {@code null} if any is missing. */
    private Double ratio(String benchmark, int size, String... denominators) {
        Double numerator = time.get(benchmark + "@" + size);
        double sum = 0;
        for (String denominator : denominators) {
            Double value = time.get(denominator + "@" + size);
            if (value == null) {
                return null;
            }
            sum += value;
        }
        return numerator == null ? null : numerator / sum;
    }

    private String miss() {
        misses++;
        return "**MISS**";
    }

    private static String num(Double value) {
        return value == null ? "–" : value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratioText(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    @FunctionalInterface
    private interface ToDoubleFunctionOrNull {
        Double apply(int size);
    }
}
