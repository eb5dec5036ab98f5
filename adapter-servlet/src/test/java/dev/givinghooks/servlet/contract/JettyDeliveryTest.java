package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.DeliveryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Exactly once under the providers' retries, timeouts and faults: WebhookFilter in real Jetty. */
class JettyDeliveryTest extends DeliveryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.jetty(setup, false);
    }
}
