package dev.givinghooks.chuffed;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The Chuffed event "Donation: Payment Confirmed", named {@value ChuffedEvent#PAYMENT_CONFIRMED}
 * here: Chuffed has confirmed the payment of a donation. Immutable and thread-safe.
 *
 * <p>The body is {@code {"data": {...}}}; the components are the documented fields of
 * {@code data} (PROVIDERS.md §3.2). {@code id} and {@code donation} are required; every other
 * component is {@code null} when the body omits it (or gives JSON {@code null}), except
 * {@code recurring}, which is then {@code false}. Money is in integer minor units with an ISO
 * 4217 currency code (1295 in AUD is 12.95 AUD). Enum values outside the documented lists are
 * kept as sent. The whole body is {@link dev.givinghooks.Verified#body()}.
 *
 * @param id {@code id}: the donation id
 * @param createdAt {@code created_at}: when the donation was created
 * @param donation {@code donation}: the donation
 * @param total {@code total}: the total the donor paid
 * @param donationConverted {@code donation_converted}: the donation in the campaign's currency
 * @param recurring {@code recurring}: whether the donation recurs; {@code false} when absent
 * @param recurringPeriod {@code recurring_period}: how often it recurs; {@code null} when it does not
 * @param recurringIteration {@code recurring_iteration}: the sequence number of a recurring donation
 * @param paymentType {@code payment_type}: how the donation was paid
 * @param visibility {@code visibility}: whether the donor is shown
 * @param paymentVendor {@code payment_vendor}: the payment vendor and its reference
 * @param recipient {@code recipient}: the campaign or fundraiser that received the donation
 * @param campaign {@code campaign}: the campaign
 * @param identity {@code identity}: the donor
 * @param perk {@code perk}: the perk the donor chose, if any
 */
public record DonationPaymentConfirmed(
        long id,
        Instant createdAt,
        Money donation,
        Money total,
        Money donationConverted,
        boolean recurring,
        RecurringPeriod recurringPeriod,
        Long recurringIteration,
        PaymentType paymentType,
        Visibility visibility,
        PaymentVendor paymentVendor,
        Recipient recipient,
        Campaign campaign,
        Identity identity,
        Perk perk) implements ChuffedEvent {

    /**
     * Checks the required component.
     *
     * @throws NullPointerException if {@code donation} is {@code null}
     */
    public DonationPaymentConfirmed {
        Objects.requireNonNull(donation, "donation");
    }

    /** @return {@value ChuffedEvent#PAYMENT_CONFIRMED} */
    @Override
    public String type() {
        return PAYMENT_CONFIRMED;
    }

    /**
     * An amount of money: {@code {"amount": <integer minor units>, "currency": "<ISO 4217>"}}.
     * Immutable and thread-safe.
     *
     * @param amount the amount in the currency's minor units (cents for AUD: 1295 is 12.95)
     * @param currency the ISO 4217 currency code, such as {@code AUD}
     */
    public record Money(long amount, String currency) {
        /**
         * Checks the currency.
         *
         * @throws NullPointerException if {@code currency} is {@code null}
         */
        public Money {
            Objects.requireNonNull(currency, "currency");
        }
    }

    /**
     * The vendor that processed the payment. Immutable and thread-safe.
     *
     * @param name {@code name}: the vendor, one of the {@link PaymentType} values
     * @param reference {@code reference}: the vendor's reference, such as {@code py_1234abcd}
     */
    public record PaymentVendor(PaymentType name, String reference) {
    }

    /**
     * Who received the donation. Immutable and thread-safe.
     *
     * @param type {@code type}: a campaign or a fundraiser
     * @param id {@code id}: the campaign's or fundraiser's id
     */
    public record Recipient(RecipientType type, Long id) {
    }

    /**
     * The campaign the donation belongs to. Immutable and thread-safe.
     *
     * @param id {@code id}: the campaign id
     * @param title {@code title}: the campaign title
     */
    public record Campaign(Long id, String title) {
    }

    /**
     * The donor. Immutable and thread-safe.
     *
     * @param email {@code email}
     * @param firstName {@code first_name}
     * @param lastName {@code last_name}
     * @param subscriptions {@code subscriptions}: what the donor subscribed to
     * @param address {@code address}
     * @param phone {@code phone}
     */
    public record Identity(String email, String firstName, String lastName, Subscriptions subscriptions,
            String address, String phone) {
    }

    /**
     * What the donor subscribed to. Immutable and thread-safe.
     *
     * @param campaign {@code campaign}: whether the donor subscribed to the campaign's updates
     */
    public record Subscriptions(Boolean campaign) {
    }

    /**
     * The perk (reward) a donor chose. Immutable and thread-safe.
     *
     * @param title {@code title}: the perk's title
     * @param multiplier {@code multiplier}: how many of the perk
     * @param answer {@code answer}: the donor's answer to the perk's question, or {@code null}
     */
    public record Perk(String title, Long multiplier, String answer) {
    }

    /**
     * A {@code payment_type} (also a {@code payment_vendor.name}): an open set of values, where
     * one not listed here is kept as sent. Immutable and thread-safe.
     *
     * @param value the value exactly as sent, such as {@code stripe}
     */
    public record PaymentType(String value) {
        /** {@code offline}: paid outside Chuffed. */
        public static final PaymentType OFFLINE = new PaymentType("offline");
        /** {@code stripe}: paid by card through Stripe. */
        public static final PaymentType STRIPE = new PaymentType("stripe");
        /** {@code stripe_direct_debit}: paid by direct debit through Stripe. */
        public static final PaymentType STRIPE_DIRECT_DEBIT = new PaymentType("stripe_direct_debit");
        /** {@code paypal_marketplace}: paid through PayPal. */
        public static final PaymentType PAYPAL_MARKETPLACE = new PaymentType("paypal_marketplace");

        private static final Set<PaymentType> KNOWN = Set.of(OFFLINE, STRIPE, STRIPE_DIRECT_DEBIT, PAYPAL_MARKETPLACE);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public PaymentType {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the payment type for a value as sent.
         *
         * @param value the value, such as {@code stripe}
         * @return the payment type, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static PaymentType of(String value) {
            return new PaymentType(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly).
         *
         * @return {@code true} when this equals a constant of this type
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    /**
     * A {@code recurring_period}: an open set of values, where one not listed here is kept as
     * sent. Immutable and thread-safe.
     *
     * @param value the value exactly as sent, such as {@code monthly}
     */
    public record RecurringPeriod(String value) {
        /** {@code weekly}. */
        public static final RecurringPeriod WEEKLY = new RecurringPeriod("weekly");
        /** {@code monthly}. */
        public static final RecurringPeriod MONTHLY = new RecurringPeriod("monthly");
        /** {@code yearly}. */
        public static final RecurringPeriod YEARLY = new RecurringPeriod("yearly");

        private static final Set<RecurringPeriod> KNOWN = Set.of(WEEKLY, MONTHLY, YEARLY);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public RecurringPeriod {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the period for a value as sent.
         *
         * @param value the value, such as {@code monthly}
         * @return the period, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static RecurringPeriod of(String value) {
            return new RecurringPeriod(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly).
         *
         * @return {@code true} when this equals a constant of this type
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    /**
     * A {@code visibility}: an open set of values, where one not listed here is kept as sent.
     * Immutable and thread-safe.
     *
     * @param value the value exactly as sent, such as {@code visible}
     */
    public record Visibility(String value) {
        /** {@code anonymous}: the donor is not shown. */
        public static final Visibility ANONYMOUS = new Visibility("anonymous");
        /** {@code visible}: the donor is shown. */
        public static final Visibility VISIBLE = new Visibility("visible");

        private static final Set<Visibility> KNOWN = Set.of(ANONYMOUS, VISIBLE);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public Visibility {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the visibility for a value as sent.
         *
         * @param value the value, such as {@code visible}
         * @return the visibility, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static Visibility of(String value) {
            return new Visibility(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly).
         *
         * @return {@code true} when this equals a constant of this type
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }

    /**
     * A {@code recipient.type}: an open set of values, where one not listed here is kept as
     * sent. Immutable and thread-safe.
     *
     * @param value the value exactly as sent, such as {@code campaign}
     */
    public record RecipientType(String value) {
        /** {@code campaign}: the campaign itself. */
        public static final RecipientType CAMPAIGN = new RecipientType("campaign");
        /** {@code fundraiser}: a fundraiser for the campaign. */
        public static final RecipientType FUNDRAISER = new RecipientType("fundraiser");

        private static final Set<RecipientType> KNOWN = Set.of(CAMPAIGN, FUNDRAISER);

        /**
         * Checks the value.
         *
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public RecipientType {
            Objects.requireNonNull(value, "value");
        }

        /**
         * Returns the recipient type for a value as sent.
         *
         * @param value the value, such as {@code campaign}
         * @return the recipient type, equal to a constant of this type when the value is a known one
         * @throws NullPointerException if {@code value} is {@code null}
         */
        public static RecipientType of(String value) {
            return new RecipientType(value);
        }

        /**
         * Returns whether this is one of the documented values (matched exactly).
         *
         * @return {@code true} when this equals a constant of this type
         */
        public boolean isKnown() {
            return KNOWN.contains(this);
        }
    }
}
