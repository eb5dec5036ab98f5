package dev.givinghooks.vertx;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.DeliveryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Exactly once under the providers' retries, timeouts and faults: a real Vert.x server, the application on a worker. */
class VertxDeliveryTest extends DeliveryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return VertxContractTest.run(setup, true);
    }
}
