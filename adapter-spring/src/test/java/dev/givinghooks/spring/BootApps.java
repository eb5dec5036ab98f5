package dev.givinghooks.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a real Spring Boot application on a free loopback port, with beans the test hands it. */
public final class BootApps {
    private BootApps() {
    }

    /**
     * Runs the application class with the given singletons registered before refresh.
     *
     * @param application the {@code @SpringBootApplication} class
     * @param beans bean names to instances
     * @param properties extra {@code name=value} properties
     * @return the running context; close it to stop the server
     */
    public static ConfigurableApplicationContext run(Class<?> application, Map<String, Object> beans, String... properties) {
        SpringApplication app = new SpringApplication(application);
        app.addInitializers(context -> beans.forEach((name, bean) -> context.getBeanFactory().registerSingleton(name, bean)));
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--spring.jmx.enabled=false"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return app.run(args.toArray(String[]::new));
    }

    /**
     * Returns the port the application's server listens on.
     *
     * @param context a context {@link #run} returned
     * @return the port
     */
    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
