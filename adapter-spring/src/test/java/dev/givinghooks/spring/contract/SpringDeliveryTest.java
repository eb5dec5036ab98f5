package dev.givinghooks.spring.contract;

import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.DeliveryContractTest;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** Exactly once under the providers' retries, timeouts and faults: a real Spring Boot application, its controllers asynchronous (DeferredResult). */
class SpringDeliveryTest extends DeliveryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) {
        return SpringBootAdapter.run(setup, "deferred");
    }
}
