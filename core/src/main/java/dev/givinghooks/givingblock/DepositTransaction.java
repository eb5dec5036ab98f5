package dev.givinghooks.givingblock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The Giving Block event {@value #TYPE}: a donation was deposited. Immutable and thread-safe.
 *
 * <p>The fields are the union of every version of the provider's documentation (PROVIDERS.md
 * §2.3). Only {@code eventTimestamp} is always present; every other component is {@code null}
 * when the payload omits it (or gives JSON {@code null}). Money is exact ({@link BigDecimal}, as
 * sent, whether as a JSON number or a string). The whole decrypted payload is
 * {@link dev.givinghooks.Verified#body()}.
 *
 * @param depositType the payload's own {@code type}, such as {@code Deposit}; named so as not to
 *        clash with {@link #type()}, which is the event type
 * @param id {@code id}: the deposit id (a UUID)
 * @param status {@code status}: {@link Status#ADVANCED} or {@link Status#COMPLETE}, or another
 *        value kept as sent
 * @param timestamp {@code timestampms}: when the trade executed
 * @param eid {@code eid}: the transfer event id
 * @param transactionHash {@code transactionHash}: the chain transaction hash or id, as sent
 *        ({@code 0x} prefix sometimes)
 * @param currency {@code currency}: the donated currency, such as {@code ETH}
 * @param amount {@code amount}: the donated amount, in {@code currency}
 * @param organizationId {@code organizationId}: the nonprofit's id
 * @param eventTimestamp {@code eventTimestamp}: when the event was sent, the field the replay
 *        window checks; never {@code null}
 * @param pledgeId {@code pledgeId}: the pledge (a UUID) returned when the deposit address was
 *        created
 * @param valueAtDonationTimeUSD {@code valueAtDonationTimeUSD}: the value in US dollars before
 *        fees; informational only
 * @param paymentMethod {@code paymentMethod}: {@code Crypto}, {@code Card} or {@code Stock}, or
 *        another value kept as sent
 * @param payoutAmount {@code payoutAmount}: what the nonprofit receives (gross minus fees), in
 *        {@code payoutCurrency}; {@code null} until converted
 * @param payoutCurrency {@code payoutCurrency}: such as {@code USD}
 * @param externalId {@code externalId}: the id the partner passed when fetching the widget URL
 * @param campaignId {@code campaignId}: the campaign, {@code null} when not set
 * @param grossAmountInPayoutCurrency {@code grossAmountInPayoutCurrency}: the amount before fees,
 *        in {@code payoutCurrency} (newest documentation only)
 */
public record DepositTransaction(
        String depositType,
        String id,
        Status status,
        Instant timestamp,
        String eid,
        String transactionHash,
        String currency,
        BigDecimal amount,
        Long organizationId,
        Instant eventTimestamp,
        String pledgeId,
        BigDecimal valueAtDonationTimeUSD,
        PaymentMethod paymentMethod,
        BigDecimal payoutAmount,
        String payoutCurrency,
        String externalId,
        String campaignId,
        BigDecimal grossAmountInPayoutCurrency) implements GivingBlockEvent {

    /** The envelope's {@code eventType} of this event. */
    public static final String TYPE = "DEPOSIT_TRANSACTION";

    /**
     * Checks the required component.
     *
     * @throws NullPointerException if {@code eventTimestamp} is {@code null}
     */
    public DepositTransaction {
        Objects.requireNonNull(eventTimestamp, "eventTimestamp");
    }

    /** @return {@value #TYPE} */
    @Override
    public String type() {
        return TYPE;
    }

    /**
     * A deposit's {@code status}: an open set of values, where one not listed here is kept as
     * sent. Immutable and thread-safe.
     *
     * @param value the status exactly as sent, such as {@code Complete}
     */
    public record Status(String value) {
        /** {@code Advanced}: the deposit is under way. */
        public static final Status ADVANCED = new Status("Advanced");
        /** {@code Complete}: the deposit is complete. */
        public static final Status COMPLETE = new Status("Complete");

        private static final Set<Status> KNOWN = Set.of(ADVANCED, COMPLETE);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public Status {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the status for a value as sent.
         *
         * @param value the value, such as {@code Complete}
         * @return the status, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static Status of(String value) {
            return new Status(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly, case included).
         *
         * @return {@code true} for {@link #ADVANCED} and {@link #COMPLETE}
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    /**
     * A deposit's {@code paymentMethod}: an open set of values, where one not listed here is
     * kept as sent. Immutable and thread-safe.
     *
     * @param value the payment method exactly as sent, such as {@code Crypto}
     */
    public record PaymentMethod(String value) {
        /** {@code Crypto}: a cryptocurrency donation. */
        public static final PaymentMethod CRYPTO = new PaymentMethod("Crypto");
        /** {@code Card}: a card donation. */
        public static final PaymentMethod CARD = new PaymentMethod("Card");
        /** {@code Stock}: a stock donation. */
        public static final PaymentMethod STOCK = new PaymentMethod("Stock");

        private static final Set<PaymentMethod> KNOWN = Set.of(CRYPTO, CARD, STOCK);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public PaymentMethod {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the payment method for a value as sent.
         *
         * @param value the value, such as {@code Crypto}
         * @return the payment method, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static PaymentMethod of(String value) {
            return new PaymentMethod(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly, case included).
         *
         * @return {@code true} for {@link #CRYPTO}, {@link #CARD} and {@link #STOCK}
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }
}
