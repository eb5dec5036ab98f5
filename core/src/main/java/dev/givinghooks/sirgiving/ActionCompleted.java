package dev.givinghooks.sirgiving;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SIR Giving event {@value #TYPE}: an action was completed and its tokens distributed.
 * Immutable and thread-safe.
 *
 * <p>{@code actionId} and {@code tokensDistributed} are documented and required; the other
 * fields are those of the synchronous action result, which this event very likely repeats
 * (PROVIDERS.md §1.1, inferred), so they are optional. Fields not modelled here are in the
 * delivered bytes, {@link dev.givinghooks.Verified#body()}.
 *
 * @param id the envelope id ({@code evt_...}), unique per event
 * @param createdAt the envelope's {@code createdAt}, or {@code null} when absent
 * @param actionId {@code data.actionId}: the completed action
 * @param tokensDistributed {@code data.tokensDistributed}: how many tokens were distributed
 * @param idempotencyKey {@code data.idempotencyKey}: the key the partner submitted the action
 *        with, or {@code null} when absent
 * @param status {@code data.status}, such as {@code COMPLETED}, or {@code null} when absent
 * @param transactionIds {@code data.transactionIds}: the ledger transactions the action created;
 *        empty when absent
 */
public record ActionCompleted(
        String id,
        Instant createdAt,
        String actionId,
        long tokensDistributed,
        String idempotencyKey,
        String status,
        List<String> transactionIds) implements SirGivingEvent {

    /** The provider's type string of this event. */
    public static final String TYPE = "action.completed";

    /**
     * Checks the required components and copies the list.
     *
     * @throws NullPointerException if {@code id}, {@code actionId} or {@code transactionIds} is
     *         {@code null}
     */
    public ActionCompleted {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        transactionIds = List.copyOf(transactionIds);
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }
}
