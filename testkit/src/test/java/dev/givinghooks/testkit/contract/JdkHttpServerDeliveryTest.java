package dev.givinghooks.testkit.contract;

/** Proves the delivery suite on the minimal reference adapter over the JDK's HttpServer. */
class JdkHttpServerDeliveryTest extends DeliveryContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return new JdkHttpServerAdapter(setup);
    }
}
