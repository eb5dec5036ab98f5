package dev.givinghooks.chuffed;

import dev.givinghooks.chuffed.DonationPaymentConfirmed.Campaign;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Identity;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Money;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.PaymentType;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.PaymentVendor;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Perk;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Recipient;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.RecipientType;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.RecurringPeriod;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Subscriptions;
import dev.givinghooks.chuffed.DonationPaymentConfirmed.Visibility;
import dev.givinghooks.internal.Json;
import dev.givinghooks.internal.Misfit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** Maps an authentic body to its event record. */
final class ChuffedEvents {
    /*
     * PROVIDERS.md §3.2. Chuffed sends no event type: a body whose data object has an id is
     * "Donation: Payment Confirmed" (DESIGN §2.1); anything else is Unrecognized. The id (the
     * deduplication key) and the donation are required; every other field is optional, since
     * the documentation's own example is not even valid JSON and the real payload may differ.
     * Money is integer minor units plus a currency; enum values outside the documented lists
     * are kept as sent. What does not fit becomes Unrecognized with the misfit's message, which
     * names the field by its path (data.donation.amount) and never quotes a value. Only
     * Unrecognized renders the body as raw JSON: for the typed record the application has the
     * exact bytes in Verified.body(), and rendering per delivery cost more than parsing.
     */

    private ChuffedEvents() {
    }

    /** Maps a JSON object; never throws: what does not fit becomes {@link ChuffedEvent.Unrecognized}. */
    static ChuffedEvent map(JsonNode body) {
        JsonNode data = body.get("data");
        if (data == null || !data.isObject() || Json.field(data, "id") == null) {
            return new ChuffedEvent.Unrecognized(ChuffedEvent.Unrecognized.UNKNOWN, Json.raw(body),
                    ChuffedEvent.Unrecognized.NOT_DOCUMENTED);
        }
        try {
            return Json.nested(body, "data", ChuffedEvents::paymentConfirmed);
        } catch (Misfit e) {
            return new ChuffedEvent.Unrecognized(ChuffedEvent.PAYMENT_CONFIRMED, Json.raw(body), e.getMessage());
        }
    }

    private static DonationPaymentConfirmed paymentConfirmed(JsonNode data) {
        return new DonationPaymentConfirmed(
                Json.requiredInteger(data, "id"),
                Json.isoInstant(data, "created_at"),
                Json.requiredNested(data, "donation", ChuffedEvents::money),
                Json.nested(data, "total", ChuffedEvents::money),
                Json.nested(data, "donation_converted", ChuffedEvents::money),
                Boolean.TRUE.equals(Json.bool(data, "recurring")),
                open(data, "recurring_period", RecurringPeriod::of),
                Json.integer(data, "recurring_iteration"),
                open(data, "payment_type", PaymentType::of),
                open(data, "visibility", Visibility::of),
                Json.nested(data, "payment_vendor", vendor -> new PaymentVendor(
                        open(vendor, "name", PaymentType::of),
                        Json.text(vendor, "reference"))),
                Json.nested(data, "recipient", recipient -> new Recipient(
                        open(recipient, "type", RecipientType::of),
                        Json.integer(recipient, "id"))),
                Json.nested(data, "campaign", campaign -> new Campaign(
                        Json.integer(campaign, "id"),
                        Json.text(campaign, "title"))),
                Json.nested(data, "identity", ChuffedEvents::identity),
                Json.nested(data, "perk", perk -> new Perk(
                        Json.text(perk, "title"),
                        Json.integer(perk, "multiplier"),
                        Json.text(perk, "answer"))));
    }

    private static Money money(JsonNode money) {
        return new Money(Json.requiredInteger(money, "amount"), Json.requiredText(money, "currency"));
    }

    private static Identity identity(JsonNode identity) {
        return new Identity(
                Json.text(identity, "email"),
                Json.text(identity, "first_name"),
                Json.text(identity, "last_name"),
                Json.nested(identity, "subscriptions", subscriptions -> new Subscriptions(Json.bool(subscriptions, "campaign"))),
                Json.text(identity, "address"),
                Json.text(identity, "phone"));
    }

    /** An open enum value: {@code null} when absent, otherwise the raw string, known or not. */
    private static <T> T open(JsonNode object, String name, Function<String, T> of) {
        String value = Json.text(object, name);
        return value == null ? null : of.apply(value);
    }
}
