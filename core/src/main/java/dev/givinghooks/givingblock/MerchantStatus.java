package dev.givinghooks.givingblock;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A card merchant's onboarding status, as carried by a {@link MerchantStatusEvent}: the
 * provider's integer code and its documented description. An open set: a code not in the table
 * is kept, with a {@code null} description, never rejected. Immutable and thread-safe.
 *
 * <p>The constants are the provider's full status table (PROVIDERS.md §2.5).
 *
 * @param code the status code as sent, such as {@code 600}
 * @param description the documented description, such as {@code APPROVED}; {@code null} for a
 *        code not in the table
 */
public record MerchantStatus(int code, String description) {
    /** 125: resubmitted application. */
    public static final MerchantStatus RESUBMITTED_APPLICATION = new MerchantStatus(125, "RESUBMITTED APPLICATION");
    /** 200: declined. */
    public static final MerchantStatus DECLINED = new MerchantStatus(200, "DECLINED");
    /** 300: closed, the merchant cancelled. */
    public static final MerchantStatus CLOSED_MERCHANT_CANCELLED = new MerchantStatus(300, "CLOSED - MERCHANT CANCELLED");
    /** 325: closed by termination. */
    public static final MerchantStatus CLOSED_TERMINATION = new MerchantStatus(325, "CLOSED - TERMINATION");
    /** 330: seasonal business. */
    public static final MerchantStatus SEASONAL_BUSINESS = new MerchantStatus(330, "SEASONAL BUSINESS");
    /** 350: gateway or accessory service only. */
    public static final MerchantStatus GATEWAY_ACCESSORY_SERVICE_ONLY = new MerchantStatus(350, "GATEWAY / ACCESSORY SERVICE ONLY");
    /** 375: awaiting ISO activation of underwriting. */
    public static final MerchantStatus AWAITING_ISO_ACTIVATION_OF_UNDERWRITING =
            new MerchantStatus(375, "AWAITING ISO ACTIVATION OF UNDERWRITING");
    /** 390: original application received, in underwriting. */
    public static final MerchantStatus ORIGINAL_APPLICATION_RECEIVED_IN_UNDERWRITING =
            new MerchantStatus(390, "ORIG. APP RECEIVED - IN UNDERWRITING");
    /** 400: in underwriting. */
    public static final MerchantStatus IN_UNDERWRITING = new MerchantStatus(400, "IN UNDERWRITING");
    /** 425: on primary hold, additional information needed. */
    public static final MerchantStatus ON_PRIMARY_HOLD_NEED_ADDITIONAL_INFORMATION =
            new MerchantStatus(425, "ON PRIMARY HOLD - NEED ADDITIONAL INFORMATION");
    /** 500: approved, in data entry for the merchant id build. */
    public static final MerchantStatus APPROVED_IN_DATA_ENTRY_FOR_MID_BUILD =
            new MerchantStatus(500, "APPROVED - IN DATA ENTRY FOR MID BUILD");
    /** 550: approved, awaiting faxed documentation. */
    public static final MerchantStatus APPROVED_AWAITING_FAXED_DOCUMENTATION =
            new MerchantStatus(550, "APPROVED - AWAITING FAXED DOCUMENTATION");
    /** 600: approved. */
    public static final MerchantStatus APPROVED = new MerchantStatus(600, "APPROVED");
    /** 650: approved and installed. */
    public static final MerchantStatus APPROVED_INSTALLED = new MerchantStatus(650, "APPROVED - INSTALLED");
    /** 675: the merchant is requesting to cancel. */
    public static final MerchantStatus MERCHANT_REQUESTING_TO_CANCEL = new MerchantStatus(675, "MERCHANT REQUESTING TO CANCEL");
    /** 700: approved and processing. */
    public static final MerchantStatus APPROVED_PROCESSING = new MerchantStatus(700, "APPROVED - PROCESSING");
    /** 730: approved, on seasonal hold. */
    public static final MerchantStatus APPROVED_SEASONAL_HOLD = new MerchantStatus(730, "APPROVED - SEASONAL HOLD");
    /** 785: in legal review. */
    public static final MerchantStatus LEGAL_REVIEW = new MerchantStatus(785, "LEGAL REVIEW");

    private static final Map<Integer, MerchantStatus> TABLE = Stream.of(
                    RESUBMITTED_APPLICATION, DECLINED, CLOSED_MERCHANT_CANCELLED, CLOSED_TERMINATION,
                    SEASONAL_BUSINESS, GATEWAY_ACCESSORY_SERVICE_ONLY, AWAITING_ISO_ACTIVATION_OF_UNDERWRITING,
                    ORIGINAL_APPLICATION_RECEIVED_IN_UNDERWRITING, IN_UNDERWRITING,
                    ON_PRIMARY_HOLD_NEED_ADDITIONAL_INFORMATION, APPROVED_IN_DATA_ENTRY_FOR_MID_BUILD,
                    APPROVED_AWAITING_FAXED_DOCUMENTATION, APPROVED, APPROVED_INSTALLED,
                    MERCHANT_REQUESTING_TO_CANCEL, APPROVED_PROCESSING, APPROVED_SEASONAL_HOLD, LEGAL_REVIEW)
            .collect(Collectors.toUnmodifiableMap(MerchantStatus::code, Function.identity()));

    /**
     * Returns the status for a code as sent: the table's constant when the code is documented,
     * otherwise a status with that code and no description.
     *
     * @param code the status code
     * @return the status, never {@code null}
     */
    public static MerchantStatus of(int code) {
        MerchantStatus known = TABLE.get(code);
        return known != null ? known : new MerchantStatus(code, null);
    }

    /**
     * Returns whether this is one of the documented statuses, with its documented description.
     *
     * @return {@code true} when this equals a constant of this type
     */
    public boolean isKnown() {
        return equals(TABLE.get(code));
    }
}
