package dev.givinghooks.spring.contract;

import dev.givinghooks.Provider;
import dev.givinghooks.spring.BootApps;
import dev.givinghooks.testkit.contract.AdapterContractTest;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;
import java.net.URI;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** The contract suite against a real Spring Boot application on a random port, one controller style per mode. */
abstract class SpringBootAdapter extends AdapterContractTest {
    private final String mode;

    SpringBootAdapter(String mode) {
        this.mode = mode;
    }

    @Override
    protected RunningAdapter start(AdapterSetup setup) {
        return run(setup, mode);
    }

    /** Runs the contract application with the setup's components, its controllers in one style. */
    static RunningAdapter run(AdapterSetup setup, String mode) {
        // The setup's verifiers and store are the application's own beans: the auto-configuration backs off for them.
        ConfigurableApplicationContext context = BootApps.run(ContractApplication.class, Map.of("sirGivingVerifier", setup.sirGiving(),
                "givingBlockVerifier", setup.givingBlock(), "chuffedVerifier", setup.chuffed(), "idempotencyStore", setup.store(),
                "application", setup.application()), "givinghooks.max-body-size=" + setup.maxBodyBytes() + "B",
                "givinghooks.idempotency.fail-open=" + setup.failOpen());
        int port = BootApps.port(context);
        return new RunningAdapter() {
            @Override
            public URI endpoint(Provider provider) {
                return URI.create("http://127.0.0.1:" + port + "/" + mode + "/webhooks/" + provider.id());
            }

            @Override
            public void close() {
                context.close();
            }
        };
    }
}
