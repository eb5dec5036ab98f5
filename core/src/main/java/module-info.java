/**
 * Givinghooks core: verifies, decrypts and types the webhooks of SIR Giving, The Giving Block and
 * Chuffed. Depends on Jackson only, and only internally: no Jackson type is part of the API.
 */
module dev.givinghooks {
    requires tools.jackson.databind;

    exports dev.givinghooks;
    exports dev.givinghooks.sirgiving;
    exports dev.givinghooks.givingblock;
    exports dev.givinghooks.chuffed;
    exports dev.givinghooks.spi;
}
