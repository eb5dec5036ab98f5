package dev.givinghooks.sirgiving;

import dev.givinghooks.internal.Json;
import tools.jackson.databind.JsonNode;

/** Maps an authentic envelope to its event record. */
final class SirGivingEvents {
    private SirGivingEvents() {
    }

    /**
     * Maps an envelope whose {@code id} and {@code type} are known to be strings. Never throws
     * for a JSON object: what does not fit becomes {@link SirGivingEvent.Unrecognized}.
     */
    static SirGivingEvent map(String id, String type, JsonNode envelope) {
        return new SirGivingEvent.Unrecognized(id, type, null, Json.raw(envelope.get("data")), "unknown event type");
    }
}
