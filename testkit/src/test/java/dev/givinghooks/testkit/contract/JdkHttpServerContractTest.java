package dev.givinghooks.testkit.contract;

/** Proves the contract suite on a minimal reference adapter over the JDK's HttpServer. */
class JdkHttpServerContractTest extends AdapterContractTest {
    @Override
    protected RunningAdapter start(AdapterSetup setup) throws Exception {
        return new JdkHttpServerAdapter(setup);
    }

    /** The JDK's HttpServer closes a connection whose framing is broken without answering it. */
    @Override
    protected boolean answersBrokenFraming() {
        return false;
    }
}
