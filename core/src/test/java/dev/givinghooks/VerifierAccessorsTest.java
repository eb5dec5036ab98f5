package dev.givinghooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.chuffed.Chuffed;
import dev.givinghooks.givingblock.GivingBlock;
import org.junit.jupiter.api.Test;

/** What a verifier says of itself: its provider and body limit, as adapters read them. */
class VerifierAccessorsTest {
    @Test
    void verifiersNameTheirProviderAndLimit() {
        WebhookVerifier<?> chuffed = Chuffed.verifierBuilder().secrets("0123456789abcdef0123").maxBodyBytes(2048).build();
        assertThat(chuffed.provider()).isEqualTo(Provider.CHUFFED);
        assertThat(chuffed.maxBodyBytes()).isEqualTo(2048);
        WebhookVerifier<?> givingBlock = GivingBlock.decryptorBuilder()
                .keys(dev.givinghooks.givingblock.GivingBlockKey.of("00".repeat(32), "11".repeat(16))).maxBodyBytes(4096).build();
        assertThat(givingBlock.provider()).isEqualTo(Provider.GIVING_BLOCK);
        assertThat(givingBlock.maxBodyBytes()).isEqualTo(4096);
    }
}
