package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterContractTest;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** The adapter contract suite against WebhookFilter in real embedded Jetty; the application runs on the request thread. */
class JettyContractTest extends AdapterContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.jetty(setup, false);
    }
}
