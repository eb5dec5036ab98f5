package dev.givinghooks.testkit.contract;

import dev.givinghooks.Provider;
import java.net.URI;

/**
 * An adapter started on a real server for the contract suite; closing it stops the server.
 */
@SuppressWarnings("try") // close() throws Exception, as servers' stop methods do, InterruptedException included
public interface RunningAdapter extends AutoCloseable {

    /**
     * Returns the absolute URL that receives a provider's webhooks, such as
     * {@code http://127.0.0.1:8080/webhooks/sir-giving}.
     *
     * @param provider the provider
     * @return the endpoint
     */
    URI endpoint(Provider provider);

    /**
     * Stops the server.
     *
     * @throws Exception when stopping fails
     */
    @Override
    void close() throws Exception;
}
