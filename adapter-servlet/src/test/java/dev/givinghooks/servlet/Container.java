package dev.givinghooks.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A real embedded servlet container on a free loopback port: Jetty 12 (ee10) or Tomcat 11. */
enum Container {
    JETTY {
        @Override
        Running start(App app) throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            if (app.idleTimeout != null) {
                connector.setIdleTimeout(app.idleTimeout.toMillis());
            }
            server.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            for (App.Mount mount : app.mounts) {
                FilterHolder holder = mount.filter != null ? new FilterHolder(mount.filter) : new FilterHolder(WebhookFilter.class);
                holder.setName(mount.name);
                holder.setInitParameters(mount.initParameters);
                holder.setAsyncSupported(true);
                context.addFilter(holder, mount.path, EnumSet.of(DispatcherType.REQUEST));
            }
            ServletHolder servlet = new ServletHolder(app.servlet);
            servlet.setAsyncSupported(true);
            context.addServlet(servlet, "/*");
            server.setHandler(context);
            server.start();
            URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
            return new Running(base, server::stop);
        }
    },
    TOMCAT {
        @Override
        Running start(App app) throws Exception {
            Path baseDir = Files.createTempDirectory("givinghooks-tomcat");
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(baseDir.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            if (app.idleTimeout != null) {
                connector.setProperty("connectionTimeout", Long.toString(app.idleTimeout.toMillis()));
            }
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", null);
            for (App.Mount mount : app.mounts) {
                FilterDef def = new FilterDef();
                def.setFilterName(mount.name);
                if (mount.filter != null) {
                    def.setFilter(mount.filter);
                } else {
                    def.setFilterClass(WebhookFilter.class.getName());
                }
                mount.initParameters.forEach(def::addInitParameter);
                def.setAsyncSupported("true");
                context.addFilterDef(def);
                FilterMap map = new FilterMap();
                map.setFilterName(mount.name);
                map.addURLPattern(mount.path);
                context.addFilterMap(map);
            }
            Wrapper wrapper = Tomcat.addServlet(context, "app", app.servlet);
            wrapper.setAsyncSupported(true);
            context.addServletMappingDecoded("/*", "app");
            tomcat.start();
            if (!context.getState().isAvailable()) {
                tomcat.stop();
                tomcat.destroy();
                throw new IllegalStateException("Tomcat context failed to start");
            }
            URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
            return new Running(base, () -> {
                tomcat.stop();
                tomcat.destroy();
            });
        }
    };

    abstract Running start(App app) throws Exception;

    /** What to deploy: filters on paths, and one servlet behind them on every path. */
    static final class App {
        record Mount(String name, String path, Filter filter, Map<String, String> initParameters) {
        }

        private final List<Mount> mounts = new ArrayList<>();
        private final HttpServlet servlet;
        private Duration idleTimeout;

        App(HttpServlet servlet) {
            this.servlet = servlet;
        }

        App filter(String path, Filter filter) {
            mounts.add(new Mount("filter-" + mounts.size(), path, filter, Map.of()));
            return this;
        }

        /** How long the connector waits on a silent client before giving up on its request. */
        App idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        App filter(String path, Map<String, String> initParameters) {
            mounts.add(new Mount("filter-" + mounts.size(), path, null, initParameters));
            return this;
        }
    }

    /** A started container; closing stops it. */
    record Running(URI base, Stopper stopper) implements AutoCloseable {
        URI uri(String path) {
            return base.resolve(path);
        }

        @Override
        public void close() throws Exception {
            stopper.stop();
        }
    }

    @FunctionalInterface
    interface Stopper {
        void stop() throws Exception;
    }
}
