package dev.givinghooks.sirgiving;

import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Misfit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
     * The envelope's members other than {@code id} and {@code type}, as the verifier streamed
     * them: {@code createdAt} as its text ({@code null} when absent or JSON null;
     * {@code createdAtNotText} when it was another JSON type) and {@code data} as a tree
     * ({@code null} when absent or JSON null).
     */
    record Members(String createdAt, boolean createdAtNotText, JsonNode data) {
        /** An envelope with neither member. */
        static final Members NONE = new Members(null, false, null);
    }

    /**
     * Maps an envelope whose {@code id} and {@code type} are known to be strings. Never throws
     * for a JSON object: what does not fit becomes {@link SirGivingEvent.Unrecognized}.
     */
    static SirGivingEvent map(String id, String type, Members envelope) {
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

    /**
     * The {@code data} of an {@code action.completed} in its common shape, bound as the verifier
     * streams it, without a tree: the string fields are strings or null, {@code tokensDistributed}
     * is a JSON integer within {@code long}, {@code transactionIds} an array of strings or null,
     * and both required fields are present. Anything else is {@link Declined}, and the verifier
     * reads the body again through {@link #map}, which gives the same event for the common shape
     * and also handles the rest (numbers as strings, misfits that become {@code Unrecognized} with
     * the raw data).
     */
    record CompletedData(String actionId, long tokensDistributed, String idempotencyKey, String status,
            List<String> transactionIds) {
    }

    /** The body does not take the shape this fast path binds; nothing is wrong with it. */
    static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private Declined() {
            super("declined", null, false, false);
        }
    }

    /** Thrown, never built per call: declining is control flow, not an error. */
    private static final Declined DECLINED = new Declined();

    /**
     * Binds the data object whose {@code START_OBJECT} the parser is on, leaving the parser on its
     * {@code END_OBJECT}. Other members are read as values, not skipped, so that what fails a tree
     * parse (a number Jackson cannot represent) fails here too.
     *
     * @throws Declined if the data is not in the common shape
     */
    static CompletedData readCompletedData(JsonParser parser) {
        String actionId = null;
        Long tokensDistributed = null;
        String idempotencyKey = null;
        String status = null;
        List<String> transactionIds = List.of();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "actionId" -> actionId = string(parser, value);
                case "tokensDistributed" -> tokensDistributed = longInteger(parser, value);
                case "idempotencyKey" -> idempotencyKey = string(parser, value);
                case "status" -> status = string(parser, value);
                case "transactionIds" -> transactionIds = strings(parser, value);
                default -> Json.readValue(parser);
            }
        }
        if (actionId == null || tokensDistributed == null) {
            throw DECLINED;
        }
        return new CompletedData(actionId, tokensDistributed, idempotencyKey, status, transactionIds);
    }

    private static String string(JsonParser parser, JsonToken value) {
        return switch (value) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NULL -> null;
            default -> throw DECLINED;
        };
    }

    private static Long longInteger(JsonParser parser, JsonToken value) {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw DECLINED;
        }
        return parser.getLongValue();
    }

    private static List<String> strings(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw DECLINED;
        }
        List<String> strings = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) == JsonToken.VALUE_STRING) {
            strings.add(parser.getString());
        }
        if (element != JsonToken.END_ARRAY) {
            throw DECLINED;
        }
        return List.copyOf(strings);
    }

    /**
     * The event of an {@code action.completed} whose data was bound by {@link #readCompletedData}.
     *
     * @throws Declined if {@code createdAt} does not fit, so that {@link #map} makes it
     *         {@code Unrecognized} with the raw data
     */
    static ActionCompleted actionCompleted(String id, Members envelope, CompletedData data) {
        Instant createdAt;
        try {
            createdAt = createdAt(envelope);
        } catch (Misfit e) {
            throw DECLINED;
        }
        return new ActionCompleted(id, createdAt, data.actionId(), data.tokensDistributed(), data.idempotencyKey(),
                data.status(), data.transactionIds());
    }

    private static String rawData(Members envelope) {
        return Json.raw(envelope.data());
    }

    private static ActionCompleted actionCompleted(String id, Members envelope) {
        Instant createdAt = createdAt(envelope);
        return data(envelope, data -> new ActionCompleted(id, createdAt,
                Json.requiredText(data, "actionId"),
                Json.requiredInteger(data, "tokensDistributed"),
                Json.text(data, "idempotencyKey"),
                Json.text(data, "status"),
                Json.textList(data, "transactionIds")));
    }

    private static ActionFailed actionFailed(String id, Members envelope, String rawData) {
        Instant createdAt = createdAt(envelope);
        return data(envelope, data -> new ActionFailed(id, createdAt,
                Json.text(data, "actionId"),
                Json.text(data, "idempotencyKey"),
                Json.text(data, "status"),
                rawData));
    }

    private static TransactionCompleted transactionCompleted(String id, Members envelope, String rawData) {
        Instant createdAt = createdAt(envelope);
        return data(envelope, data -> new TransactionCompleted(id, createdAt,
                Json.text(data, "transactionId"),
                Json.text(data, "actionId"),
                rawData));
    }

    /** Maps the required {@code data} object, prefixing a misfit inside it with {@code data.}. */
    private static <T> T data(Members envelope, Function<JsonNode, T> mapper) {
        JsonNode data = envelope.data();
        if (data == null) {
            throw new Misfit("data is missing");
        }
        if (!data.isObject()) {
            throw new Misfit("data is not an object");
        }
        try {
            return mapper.apply(data);
        } catch (Misfit e) {
            throw new Misfit("data." + e.getMessage());
        }
    }

    /** The envelope's {@code createdAt}, or {@code null} when absent or JSON null. */
    private static Instant createdAt(Members envelope) {
        if (envelope.createdAtNotText()) {
            throw new Misfit("createdAt is not an ISO-8601 date-time with offset");
        }
        return envelope.createdAt() == null ? null : Json.isoInstant(envelope.createdAt(), "createdAt");
    }

    /** The envelope's {@code createdAt} when it can be read, otherwise {@code null}. */
    private static Instant lenientCreatedAt(Members envelope) {
        try {
            return createdAt(envelope);
        } catch (Misfit e) {
            return null;
        }
    }
}
