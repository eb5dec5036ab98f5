/**
 * Jazzer fuzz tests of everything a sender controls: header checks, SIR Giving and Chuffed
 * verification and The Giving Block decryption. Nothing but {@code WebhookRejectedException}
 * may escape any of them.
 *
 * <p>In {@code ./mvnw verify} they run in regression mode: each committed input under
 * {@code src/test/resources/dev/givinghooks/fuzz/<Class>Inputs/<method>/} (plus an empty one)
 * is replayed once. A long coverage-guided run of one test, from the repository root:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -B -pl core test -Dtest='SirGivingFuzzTest#anyDelivery' \
 *     -Djazzer.max_executions=10000000 -Djazzer.max_duration=20m -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (Jazzer reads {@code jazzer.*} system properties and the {@code JAZZER_FUZZ} environment
 * variable; the run ends at {@code max_executions} or {@code max_duration}, whichever comes
 * first; core's tests run twice, the second time on Boot's Jackson, and so does the target.)
 * Findings are written as new inputs into the test's resource directory: commit each with the
 * fix it led to, so it stays a regression test.
 */
package dev.givinghooks.fuzz;
