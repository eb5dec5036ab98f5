package dev.givinghooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spring and Vert.x are optional: the testkit works on a class path without them, and only the two
 * renderers that use them need them.
 */
class OptionalDependenciesTest {
    private static final Path CLASSES = classesDirectory();
    private static final List<String> OPTIONAL = List.of("/org/springframework/", "/io/vertx/", "/io/netty/");

    private static Path classesDirectory() {
        try {
            return Path.of(Testkit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean renderer(String className) {
        return className.startsWith("dev.givinghooks.testkit.spring.") || className.startsWith("dev.givinghooks.testkit.vertx.");
    }

    private static List<String> testkitClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> CLASSES.relativize(f).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .sorted().toList();
        }
    }

    /** The test class path less Spring, Vert.x and Netty, over the platform class loader. */
    private static URLClassLoader withoutOptionalDependencies() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (!entry.isEmpty() && OPTIONAL.stream().noneMatch(normalized::contains)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @Test
    void noOtherTestkitClassRefersToSpringOrVertx() throws IOException {
        List<String> checked = new ArrayList<>();
        for (String name : testkitClasses()) {
            if (renderer(name)) {
                continue;
            }
            String constants = new String(Files.readAllBytes(CLASSES.resolve(name.replace('.', '/') + ".class")), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(name).doesNotContain("org/springframework").doesNotContain("io/vertx")
                    .doesNotContain("dev/givinghooks/testkit/spring").doesNotContain("dev/givinghooks/testkit/vertx");
            checked.add(name);
        }
        assertThat(checked).contains(Testkit.class.getName(), Fixture.class.getName());
    }

    @Test
    void theTestkitWorksWithoutSpringOrVertx() throws Exception {
        try (URLClassLoader loader = withoutOptionalDependencies()) {
            assertThatThrownBy(() -> Class.forName("org.springframework.test.web.servlet.MockMvc", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("io.vertx.ext.web.client.WebClient", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);

            // Every class but the two renderers loads and resolves its signatures.
            for (String name : testkitClasses()) {
                Class<?> type = Class.forName(name, false, loader);
                assertThat(type.getClassLoader()).as(name).isSameAs(loader);
                if (renderer(name)) {
                    assertThatThrownBy(type::getDeclaredMethods).as(name).isInstanceOf(NoClassDefFoundError.class);
                } else {
                    type.getDeclaredMethods();
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                }
            }

            // A testkit from that loader builds, renders and verifies the whole catalogue.
            Class<?> testkit = Class.forName(Testkit.class.getName(), true, loader);
            Object kit = testkit.getMethod("create").invoke(null);
            Class<?> webhookRequest = loader.loadClass("dev.givinghooks.WebhookRequest");
            Method verify = loader.loadClass("dev.givinghooks.WebhookVerifier").getMethod("verify", webhookRequest);
            Method verifier = testkit.getMethod("verifier", loader.loadClass("dev.givinghooks.Provider"));
            Class<?> fixture = loader.loadClass(Fixture.class.getName());
            int verified = 0;
            for (Object variant : (List<?>) testkit.getMethod("catalogue").invoke(kit)) {
                Object delivery = variant.getClass().getMethod("fixture").invoke(variant);
                assertThat((String) fixture.getMethod("toJson").invoke(delivery)).startsWith("{\"provider\":");
                assertThat((String) fixture.getMethod("toCurl", URI.class).invoke(delivery, URI.create("http://127.0.0.1:9/"))).startsWith("printf ");
                fixture.getMethod("toHttpRequest", URI.class).invoke(delivery, URI.create("http://127.0.0.1:9/"));
                if ((boolean) variant.getClass().getMethod("positive").invoke(variant)) {
                    Object provider = variant.getClass().getMethod("provider").invoke(variant);
                    verify.invoke(verifier.invoke(kit, provider), fixture.getMethod("toWebhookRequest").invoke(delivery));
                    verified++;
                }
            }
            assertThat(verified).isGreaterThan(10);
        }
    }
}
