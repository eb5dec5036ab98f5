package dev.givinghooks.givingblock;

import dev.givinghooks.internal.Json;
import tools.jackson.databind.JsonNode;

/** Maps an authentic decrypted payload to its event record. */
final class GivingBlockEvents {
    private GivingBlockEvents() {
    }

    /** Maps a payload object; never throws: what does not fit becomes {@link GivingBlockEvent.Unrecognized}. */
    static GivingBlockEvent map(String eventType, JsonNode payload) {
        return new GivingBlockEvent.Unrecognized(eventType, Json.raw(payload), "unknown event type");
    }
}
