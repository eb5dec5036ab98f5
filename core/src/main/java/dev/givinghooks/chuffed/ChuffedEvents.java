package dev.givinghooks.chuffed;

import dev.givinghooks.internal.Json;
import tools.jackson.databind.JsonNode;

/** Maps an authentic body to its event record. */
final class ChuffedEvents {
    private ChuffedEvents() {
    }

    /** Maps a JSON object; never throws: what does not fit becomes {@link ChuffedEvent.Unrecognized}. */
    static ChuffedEvent map(JsonNode body) {
        return new ChuffedEvent.Unrecognized("unknown", Json.raw(body), "not a documented Chuffed event");
    }
}
