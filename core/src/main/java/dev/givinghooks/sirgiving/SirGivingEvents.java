package dev.givinghooks.sirgiving;

import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Misfit;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** Maps an authentic envelope to its event record. */
final class SirGivingEvents {
    /*
     * PROVIDERS.md §1.1: action.completed carries actionId and tokensDistributed [doc], very
     * likely also idempotencyKey, status and transactionIds [inferred]; action.failed and
     * transaction.completed have unpublished shapes, so only likely identifiers are read and all
     * of them are optional, and those two records keep the raw data object (so does Unrecognized);
     * action.completed, whose fields are published, does not render it: the application has the
     * exact bytes in Verified.body(), and rendering per delivery cost more than parsing. A known
     * type whose data does not fit (data missing, a required field missing, a wrong JSON type)
     * becomes Unrecognized with the misfit's message, which names the field and never quotes a
     * value.
     */

    private SirGivingEvents() {
    }

    /**
     * Maps an envelope whose {@code id} and {@code type} are known to be strings. Never throws
     * for a JSON object: what does not fit becomes {@link SirGivingEvent.Unrecognized}.
     */
    static SirGivingEvent map(String id, String type, JsonNode envelope) {
        try {
            return switch (type) {
                case ActionCompleted.TYPE -> actionCompleted(id, envelope);
                case ActionFailed.TYPE -> actionFailed(id, envelope, rawData(envelope));
                case TransactionCompleted.TYPE -> transactionCompleted(id, envelope, rawData(envelope));
                default -> new SirGivingEvent.Unrecognized(id, type, lenientCreatedAt(envelope), rawData(envelope),
                        SirGivingEvent.Unrecognized.UNKNOWN_TYPE);
            };
        } catch (Misfit e) {
            return new SirGivingEvent.Unrecognized(id, type, lenientCreatedAt(envelope), rawData(envelope), e.getMessage());
        }
    }

    private static String rawData(JsonNode envelope) {
        return Json.raw(Json.field(envelope, "data"));
    }

    private static ActionCompleted actionCompleted(String id, JsonNode envelope) {
        Instant createdAt = Json.isoInstant(envelope, "createdAt");
        Json.requiredObject(envelope, "data");
        return Json.nested(envelope, "data", data -> new ActionCompleted(id, createdAt,
                Json.requiredText(data, "actionId"),
                Json.requiredInteger(data, "tokensDistributed"),
                Json.text(data, "idempotencyKey"),
                Json.text(data, "status"),
                Json.textList(data, "transactionIds")));
    }

    private static ActionFailed actionFailed(String id, JsonNode envelope, String rawData) {
        Instant createdAt = Json.isoInstant(envelope, "createdAt");
        Json.requiredObject(envelope, "data");
        return Json.nested(envelope, "data", data -> new ActionFailed(id, createdAt,
                Json.text(data, "actionId"),
                Json.text(data, "idempotencyKey"),
                Json.text(data, "status"),
                rawData));
    }

    private static TransactionCompleted transactionCompleted(String id, JsonNode envelope, String rawData) {
        Instant createdAt = Json.isoInstant(envelope, "createdAt");
        Json.requiredObject(envelope, "data");
        return Json.nested(envelope, "data", data -> new TransactionCompleted(id, createdAt,
                Json.text(data, "transactionId"),
                Json.text(data, "actionId"),
                rawData));
    }

    /** The envelope's {@code createdAt} when it can be read, otherwise {@code null}. */
    private static Instant lenientCreatedAt(JsonNode envelope) {
        try {
            return Json.isoInstant(envelope, "createdAt");
        } catch (Misfit e) {
            return null;
        }
    }
}
