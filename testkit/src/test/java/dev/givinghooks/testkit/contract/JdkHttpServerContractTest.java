package dev.givinghooks.testkit.contract;

/** Proves the contract suite on a minimal reference adapter over the JDK's HttpServer. */
class JdkHttpServerContractTest extends AdapterContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return new JdkHttpServerAdapter(setup);
    }
}
