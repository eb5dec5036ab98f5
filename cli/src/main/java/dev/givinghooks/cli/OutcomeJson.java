package dev.givinghooks.cli;

import dev.givinghooks.Verified;
import dev.givinghooks.WebhookRejectedException;

/**
 * The one-line JSON documents that report a verification outcome; {@code verify} prints one,
 * {@code listen} one per delivery. The shapes are part of the command-line contract.
 */
final class OutcomeJson {
    private OutcomeJson() {
    }

    /**
     * {@code {"verified":true,"provider":...,"type":...,"id":...,"keyIndex":...,"event":{...}}}.
     */
    static byte[] verified(Verified<?> verified) {
        return JsonLines.line(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("verified", true);
            json.writeStringProperty("provider", verified.provider().id());
            json.writeStringProperty("type", verified.event().type());
            json.writeStringProperty("id", verified.idempotencyKey());
            json.writeNumberProperty("keyIndex", verified.keyIndex());
            json.writeName("event");
            EventJson.write(json, verified.event());
            json.writeEndObject();
        });
    }

    /** {@code {"verified":false,"provider":...,"reason":...,"detail":...}}. */
    static byte[] rejected(WebhookRejectedException rejection) {
        return JsonLines.line(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("verified", false);
            json.writeStringProperty("provider", rejection.provider().id());
            json.writeStringProperty("reason", rejection.reason().name());
            json.writeStringProperty("detail", rejection.detail());
            json.writeEndObject();
        });
    }

    /**
     * {@code {"verified":true,"duplicate":true,"provider":...,"type":...,"id":...,"keyIndex":...}}:
     * an authentic delivery of an event already processed, acknowledged without processing it again.
     */
    static byte[] duplicate(Verified<?> verified) {
        return JsonLines.line(json -> {
            json.writeStartObject();
            json.writeBooleanProperty("verified", true);
            json.writeBooleanProperty("duplicate", true);
            json.writeStringProperty("provider", verified.provider().id());
            json.writeStringProperty("type", verified.event().type());
            json.writeStringProperty("id", verified.idempotencyKey());
            json.writeNumberProperty("keyIndex", verified.keyIndex());
            json.writeEndObject();
        });
    }
}
