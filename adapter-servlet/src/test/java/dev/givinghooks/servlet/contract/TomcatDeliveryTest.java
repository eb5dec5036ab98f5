package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.DeliveryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Exactly once under the providers' retries, timeouts and faults: WebhookFilter in real Tomcat, the application asynchronous. */
class TomcatDeliveryTest extends DeliveryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.tomcat(setup, true);
    }
}
