package dev.givinghooks.servlet.contract;

import dev.givinghooks.Provider;
import dev.givinghooks.Verified;
import dev.givinghooks.WebhookVerifier;
import dev.givinghooks.servlet.WebhookFilter;
import dev.givinghooks.testkit.contract.AdapterSetup;
import dev.givinghooks.testkit.contract.Application;
import dev.givinghooks.testkit.contract.RunningAdapter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The contract suite's adapter: one {@link WebhookFilter} per provider on
 * {@code /webhooks/<provider id>} in a real Jetty 12 or Tomcat 11, in front of a servlet that hands
 * the verified delivery to the suite's application, on the request thread or, asynchronously,
 * from another thread after {@code startAsync}.
 */
public final class ServletAdapter {
    private ServletAdapter() {
    }

    /**
     * Starts the filters in Jetty.
     *
     * @param setup the contract setup
     * @param async whether the application runs on another thread after startAsync
     * @return the running adapter
     * @throws Exception when Jetty does not start
     */
    public static RunningAdapter jetty(AdapterSetup setup, boolean async) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024); // the contract's bursts of clients, not the JDK's backlog of 50
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        for (Provider provider : Provider.values()) {
            FilterHolder holder = new FilterHolder(filter(setup, provider));
            holder.setName(provider.id());
            holder.setAsyncSupported(true);
            context.addFilter(holder, path(provider), EnumSet.of(DispatcherType.REQUEST));
        }
        ServletHolder servlet = new ServletHolder(new ApplicationServlet(setup.application(), async));
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/webhooks/*");
        server.setHandler(context);
        server.start();
        return running(URI.create("http://127.0.0.1:" + connector.getLocalPort()), server::stop);
    }

    /**
     * Starts the filters in Tomcat.
     *
     * @param setup the contract setup
     * @param async whether the application runs on another thread after startAsync
     * @return the running adapter
     * @throws Exception when Tomcat does not start
     */
    public static RunningAdapter tomcat(AdapterSetup setup, boolean async) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("givinghooks-contract").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("acceptCount", "1024"); // as for Jetty: room for the contract's bursts
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        for (Provider provider : Provider.values()) {
            FilterDef def = new FilterDef();
            def.setFilterName(provider.id());
            def.setFilter(filter(setup, provider));
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName(provider.id());
            map.addURLPattern(path(provider));
            context.addFilterMap(map);
        }
        Tomcat.addServlet(context, "application", new ApplicationServlet(setup.application(), async)).setAsyncSupported(true);
        context.addServletMappingDecoded("/webhooks/*", "application");
        tomcat.start();
        return running(URI.create("http://127.0.0.1:" + connector.getLocalPort()), () -> {
            tomcat.stop();
            tomcat.destroy();
        });
    }

    private static WebhookFilter filter(AdapterSetup setup, Provider provider) {
        WebhookVerifier<?> verifier = switch (provider) {
            case SIR_GIVING -> setup.sirGiving();
            case GIVING_BLOCK -> setup.givingBlock();
            case CHUFFED -> setup.chuffed();
        };
        return WebhookFilter.builder(verifier).idempotencyStore(setup.store()).maxBodyBytes(setup.maxBodyBytes()).failOpen(setup.failOpen()).build();
    }

    private static String path(Provider provider) {
        return "/webhooks/" + provider.id();
    }

    private interface Stop {
        void stop() throws Exception;
    }

    private static RunningAdapter running(URI base, Stop stop) {
        return new RunningAdapter() {
            @Override
            public URI endpoint(Provider provider) {
                return base.resolve(path(provider));
            }

            @Override
            public void close() throws Exception {
                stop.stop();
            }
        };
    }

    /** The application behind the filter: answers with the suite's application's status. */
    private static final class ApplicationServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Application application;
        private final boolean async;
        private final transient ExecutorService executor = Executors.newCachedThreadPool();

        ApplicationServlet(Application application, boolean async) {
            this.application = application;
            this.async = async;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            Verified<?> verified = WebhookFilter.verified(request).orElseThrow(() -> new ServletException("not verified"));
            if (!async) {
                try {
                    response.setStatus(application.handle(verified));
                } catch (IOException | ServletException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServletException(e);
                }
                return;
            }
            AsyncContext context = request.startAsync();
            context.setTimeout(30_000);
            executor.execute(() -> {
                HttpServletResponse asyncResponse = (HttpServletResponse) context.getResponse();
                try {
                    asyncResponse.setStatus(application.handle(verified));
                } catch (Exception e) {
                    asyncResponse.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
                }
                context.complete();
            });
        }

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }
}
