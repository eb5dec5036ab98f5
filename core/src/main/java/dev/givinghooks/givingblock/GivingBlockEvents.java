package dev.givinghooks.givingblock;

import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Misfit;
import tools.jackson.databind.JsonNode;

/** Maps an authentic decrypted payload to its event record. */
final class GivingBlockEvents {
    /*
     * PROVIDERS.md §2.3-2.5. The deposit table is the union of every documentation version, and
     * every field but eventTimestamp is missing in some version, so only eventTimestamp is
     * required (the decryptor has already checked it); amounts come as numbers or strings
     * ("36.00"), epoch milliseconds as numbers or strings. TRANSACTION_CONVERTED repeats the
     * deposit fields and adds the conversion's. A merchant status event is about its status, so
     * that one is required; unknown codes are kept. Values outside a documented enum are kept
     * as sent. What does not fit (a wrong JSON type, a required field missing) becomes
     * Unrecognized with the misfit's message, which names the field and never quotes a value.
     * Only Unrecognized renders the payload as raw JSON: for the typed records the application
     * has the exact plaintext in Verified.body(), and rendering per delivery cost more than parsing.
     */

    private GivingBlockEvents() {
    }

    /** Maps a payload object; never throws: what does not fit becomes {@link GivingBlockEvent.Unrecognized}. */
    static GivingBlockEvent map(String eventType, JsonNode payload) {
        try {
            return switch (eventType) {
                case DepositTransaction.TYPE -> deposit(payload);
                case TransactionConverted.TYPE -> converted(payload);
                case MerchantStatusEvent.TYPE -> merchantStatus(payload);
                default -> new GivingBlockEvent.Unrecognized(eventType, Json.raw(payload), GivingBlockEvent.Unrecognized.UNKNOWN_TYPE);
            };
        } catch (Misfit e) {
            return new GivingBlockEvent.Unrecognized(eventType, Json.raw(payload), e.getMessage());
        }
    }

    private static DepositTransaction deposit(JsonNode payload) {
        String status = Json.text(payload, "status");
        String paymentMethod = Json.text(payload, "paymentMethod");
        return new DepositTransaction(
                Json.text(payload, "type"),
                Json.text(payload, "id"),
                status == null ? null : DepositTransaction.Status.of(status),
                Json.epochMillis(payload, "timestampms"),
                Json.text(payload, "eid"),
                Json.text(payload, "transactionHash"),
                Json.text(payload, "currency"),
                Json.decimal(payload, "amount"),
                Json.integer(payload, "organizationId"),
                Json.required("eventTimestamp", Json.epochMillis(payload, "eventTimestamp")),
                Json.text(payload, "pledgeId"),
                Json.decimal(payload, "valueAtDonationTimeUSD"),
                paymentMethod == null ? null : DepositTransaction.PaymentMethod.of(paymentMethod),
                Json.decimal(payload, "payoutAmount"),
                Json.text(payload, "payoutCurrency"),
                Json.text(payload, "externalId"),
                Json.text(payload, "campaignId"),
                Json.decimal(payload, "grossAmountInPayoutCurrency"));
    }

    private static TransactionConverted converted(JsonNode payload) {
        return new TransactionConverted(
                deposit(payload),
                Json.decimal(payload, "netValueAmount"),
                Json.text(payload, "netValueCurrency"),
                Json.decimal(payload, "grossAmount"),
                Json.instant(payload, "convertedAt"));
    }

    private static MerchantStatusEvent merchantStatus(JsonNode payload) {
        long code = Json.requiredInteger(payload, "status");
        if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
            throw new Misfit("status is out of range");
        }
        return new MerchantStatusEvent(
                Json.epochMillis(payload, "timestamp"),
                Json.epochMillis(payload, "eventTimestamp"),
                Json.text(payload, "mid"),
                MerchantStatus.of((int) code),
                Json.text(payload, "statusChangeReason"),
                Json.text(payload, "officeId"));
    }
}
