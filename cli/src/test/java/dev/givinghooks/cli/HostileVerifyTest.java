package dev.givinghooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.givinghooks.Provider;
import dev.givinghooks.testkit.Credentials;
import dev.givinghooks.testkit.Fixture;
import dev.givinghooks.testkit.HostileRequest;
import dev.givinghooks.testkit.Testkit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** verify refuses every request of the testkit's hostile catalogue that is about headers and body, with core's reason. */
class HostileVerifyTest {
    private static final Testkit KIT = Testkit.create();

    private static List<HostileRequest> aboutContent() {
        return HostileRequest.catalogue(KIT).stream().filter(HostileRequest::aboutContent).toList();
    }

    @Test
    void theCatalogueHasMoreThanSixtyOfThem() {
        assertThat(aboutContent()).hasSizeGreaterThanOrEqualTo(60);
    }

    @TestFactory
    Stream<DynamicTest> eachIsRefusedWithItsReason() {
        return aboutContent().stream().map(request -> DynamicTest.dynamicTest(request.toString(), () -> {
            List<String> args = new ArrayList<>(List.of("verify", "--provider", request.provider().id(), "--now", KIT.clock().instant().toString()));
            args.addAll(credentials(request.provider()));
            for (Fixture.Header header : request.headers()) {
                args.addAll(List.of("--header", header.name() + ": " + header.value()));
            }
            Cli.Run result = Cli.run(KIT.clock(), request.body(), args.toArray(String[]::new));
            assertThat(result.exit()).as(result.out() + result.stderr()).isEqualTo(ExitCodes.REJECTED);
            assertThat(result.json().get("reason").stringValue()).isEqualTo(request.reason().name());
        }));
    }

    private static List<String> credentials(Provider provider) {
        Credentials credentials = KIT.credentials();
        return switch (provider) {
            case SIR_GIVING -> List.of("--secret", credentials.sirGivingSecrets().get(0));
            case CHUFFED -> List.of("--secret", credentials.chuffedSecrets().get(0));
            case GIVING_BLOCK -> List.of("--key", credentials.givingBlockKeys().get(0).keyHex(), "--iv", credentials.givingBlockKeys().get(0).ivHex());
        };
    }
}
