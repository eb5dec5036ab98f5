package dev.givinghooks.servlet.contract;

import dev.givinghooks.testkit.contract.AdapterContractTest;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.RunningAdapter;

/** The adapter contract suite against WebhookFilter in real embedded Tomcat; the application runs on the request thread. */
class TomcatContractTest extends AdapterContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return ServletAdapter.tomcat(setup, false);
    }
}
