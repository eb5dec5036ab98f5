package dev.givinghooks.testkit.delivery;

import dev.givinghooks.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What happened to one delivery: each attempt (and each copy of an attempt sent as concurrent
 * duplicates) with its time on the virtual clock, its answer and latency, and the outcome.
 *
 * @param name the delivery's name
 * @param provider the provider
 * @param attempts every attempt, in order; copies of one attempt share its number
 * @param outcome whether an attempt was answered 2xx in time
 */
public record DeliveryReport(String name, Provider provider, List<Attempt> attempts, Outcome outcome) {

    /**
     * Checks the report.
     *
     * @param name the delivery's name
     * @param provider the provider
     * @param attempts the attempts
     * @param outcome the outcome
     */
    public DeliveryReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        attempts = List.copyOf(attempts);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** How a delivery ended. */
    public enum Outcome {
        /** An attempt was answered 2xx within the timeout: the provider stops. */
        DELIVERED,
        /** Every attempt failed: the provider gives the event up. */
        GAVE_UP
    }

    /**
     * One HTTP exchange of an attempt.
     *
     * @param number the attempt, from 1
     * @param copy which of the attempt's concurrent copies, from 1
     * @param sentAt when it was sent, on the virtual clock
     * @param status the answer's status; absent when it timed out or failed
     * @param latency how long the answer took (real time), or how long the attempt waited
     * @param timedOut whether no answer came within the timeout
     * @param lateStatus for an attempt that timed out, the status the endpoint answered after the
     *        timeout, when it did; the provider never sees it
     * @param error why the exchange failed (the endpoint unreachable), or {@code null}
     */
    public record Attempt(int number, int copy, Instant sentAt, OptionalInt status, Duration latency, boolean timedOut,
            OptionalInt lateStatus, String error) {

        /**
         * Checks the attempt.
         *
         * @param number the attempt
         * @param copy the copy
         * @param sentAt when it was sent
         * @param status the status, if answered in time
         * @param latency how long it took
         * @param timedOut whether it timed out
         * @param lateStatus the status answered after the timeout, if any
         * @param error why it failed, or {@code null}
         */
        public Attempt {
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(lateStatus, "lateStatus");
        }

        /**
         * Returns whether the provider counts the attempt as a success: a 2xx answer in time.
         *
         * @return {@code true} for a 2xx status
         */
        public boolean succeeded() {
            return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300;
        }

        /** The answer as the table shows it. */
        String answer() {
            if (timedOut) {
                return "timed out after " + millis(latency) + (lateStatus.isPresent() ? " (answered " + lateStatus.getAsInt() + " later)" : "");
            }
            if (error != null) {
                return "failed: " + error;
            }
            return status.getAsInt() + " in " + millis(latency);
        }
    }

    /**
     * Returns whether an attempt succeeded.
     *
     * @return {@code true} when {@link Outcome#DELIVERED}
     */
    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /**
     * Returns how many attempts were made (copies not counted).
     *
     * @return the last attempt's number
     */
    public int attemptCount() {
        return attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1).number();
    }

    /**
     * Returns the statuses answered in time, in order ({@code -1} for an attempt with none).
     *
     * @return the statuses
     */
    public List<Integer> statuses() {
        return attempts.stream().map(attempt -> attempt.status().orElse(-1)).toList();
    }

    /**
     * Renders reports as a table, one line per exchange: delivery, attempt, virtual time since the
     * delivery's first attempt, answer, outcome.
     *
     * @param reports the reports
     * @return the table, lines ending with a newline
     */
    public static String table(List<DeliveryReport> reports) {
        StringBuilder table = new StringBuilder(String.format("%-24s %-7s %-12s %-44s %s%n", "delivery", "attempt", "at", "answer", "outcome"));
        for (DeliveryReport report : reports) {
            Instant first = report.attempts.isEmpty() ? Instant.EPOCH : report.attempts.get(0).sentAt();
            for (int i = 0; i < report.attempts.size(); i++) {
                Attempt attempt = report.attempts.get(i);
                boolean last = i == report.attempts.size() - 1;
                String number = attempt.number() + (attempt.copy() > 1 || copies(report, attempt.number()) > 1 ? "." + attempt.copy() : "");
                table.append(String.format("%-24s %-7s %-12s %-44s %s", i == 0 ? report.name : "", number,
                        "+" + offset(Duration.between(first, attempt.sentAt())), attempt.answer(), last ? report.outcome : "").stripTrailing()).append('\n');
            }
        }
        return table.toString();
    }

    private static long copies(DeliveryReport report, int number) {
        return report.attempts.stream().filter(attempt -> attempt.number() == number).count();
    }

    /** Renders this report as {@link #table} does. */
    @Override
    public String toString() {
        return table(List.of(this));
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /** A virtual offset such as {@code 0s}, {@code 3h12m} or {@code 1d2h}. */
    static String offset(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            text.append(minutes).append('m');
        }
        return text.toString();
    }
}
