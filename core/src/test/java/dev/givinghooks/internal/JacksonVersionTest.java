package dev.givinghooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Core's tests run twice: on the Jackson it is built against, and on the one Spring Boot 4
 * manages (core/pom.xml). This proves each run had the Jackson it claims, so a classpath that
 * silently kept the newer jars cannot pass for the older one.
 */
class JacksonVersionTest {
    @Test
    void runsOnTheJacksonThisExecutionNames() {
        String expected = System.getProperty("givinghooks.jackson.expected");
        assumeTrue(expected != null, "set by the surefire executions of core/pom.xml");
        assertThat(JsonMapper.builder().build().version().toString()).isEqualTo(expected);
        assertThat(new JsonFactory().version().toString()).isEqualTo(expected);
    }
}
