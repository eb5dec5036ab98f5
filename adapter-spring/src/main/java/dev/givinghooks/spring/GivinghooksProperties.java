package dev.givinghooks.spring;

import dev.givinghooks.sirgiving.SirGiving;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the webhook endpoints under {@code givinghooks.*}. A provider without
 * credentials is not configured; a controller parameter that asks for its events fails startup.
 * Secrets and keys are never logged, and a bad one fails startup with a message that names the
 * property, never its value.
 */
@ConfigurationProperties("givinghooks")
public class GivinghooksProperties {
    /** SIR Giving: HMAC-SHA256 over timestamp and body. */
    private final SirGivingSettings sirGiving = new SirGivingSettings();
    /** Chuffed: HMAC-SHA256 over the body. */
    private final ChuffedSettings chuffed = new ChuffedSettings();
    /** The Giving Block: AES-256-CBC encrypted payloads. */
    private final GivingBlockSettings givingBlock = new GivingBlockSettings();
    /** Deduplication of deliveries. */
    private final Idempotency idempotency = new Idempotency();
    /** The shared Redis store (givinghooks.idempotency.store=redis, with givinghooks-idempotency-redis). */
    private final Redis redis = new Redis();
    /** The shared database store (givinghooks.idempotency.store=jdbc, with givinghooks-idempotency-jdbc). */
    private final Jdbc jdbc = new Jdbc();
    /** Spring Security: webhook endpoints need no login, session or CSRF token. */
    private final Security security = new Security();
    /** Largest webhook body read; a longer one is refused with 413 (before it is read, when its Content-Length says so). */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /** @return the SIR Giving settings */
    public SirGivingSettings getSirGiving() {
        return sirGiving;
    }

    /** @return the Chuffed settings */
    public ChuffedSettings getChuffed() {
        return chuffed;
    }

    /** @return The Giving Block settings */
    public GivingBlockSettings getGivingBlock() {
        return givingBlock;
    }

    /** @return the deduplication settings */
    public Idempotency getIdempotency() {
        return idempotency;
    }

    /** @return the Redis store's settings */
    public Redis getRedis() {
        return redis;
    }

    /** @return the database store's settings */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** @return the Spring Security settings */
    public Security getSecurity() {
        return security;
    }

    /** @return the body limit */
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    /** @param maxBodySize the body limit */
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    /** SIR Giving settings. */
    public static class SirGivingSettings {
        /** Webhook secrets (whsec_...), tried in order: during rotation the new one first, then the old one. */
        private List<String> secrets = new ArrayList<>();
        /** Replay window around the X-SIR-Timestamp header, applied to the past and to the future. */
        private Duration tolerance = SirGiving.DEFAULT_TOLERANCE;
        /** How HMAC key bytes are derived from a secret: whole (the default), hex-suffix or utf8-suffix. */
        private SirGiving.KeyMode keyMode = SirGiving.KeyMode.WHOLE;

        /** @return the secrets */
        public List<String> getSecrets() {
            return secrets;
        }

        /** @param secrets the secrets */
        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        /** @return the window */
        public Duration getTolerance() {
            return tolerance;
        }

        /** @param tolerance the window */
        public void setTolerance(Duration tolerance) {
            this.tolerance = tolerance;
        }

        /** @return the key mode */
        public SirGiving.KeyMode getKeyMode() {
            return keyMode;
        }

        /** @param keyMode the key mode */
        public void setKeyMode(SirGiving.KeyMode keyMode) {
            this.keyMode = keyMode;
        }

        /** Says which settings are set, never a secret. */
        @Override
        public String toString() {
            return "SirGivingSettings[" + secrets.size() + " secrets, tolerance=" + tolerance + ", keyMode=" + keyMode + "]";
        }
    }

    /** Chuffed settings. */
    public static class ChuffedSettings {
        /** Webhook secrets, chosen in Chuffed's dashboard, tried in order (rotation); at least 16 bytes each. */
        private List<String> secrets = new ArrayList<>();
        /** Refuse donations whose signed created_at is older than this; off by default, since payments such as direct debits can be confirmed days later. */
        private Duration maxAge;
        /** Accept secrets shorter than 16 bytes. Dangerous: a short secret can be guessed offline from one captured delivery. */
        private boolean allowInsecureShortSecrets;

        /** @return the secrets */
        public List<String> getSecrets() {
            return secrets;
        }

        /** @param secrets the secrets */
        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        /** @return the maximum age, or null */
        public Duration getMaxAge() {
            return maxAge;
        }

        /** @param maxAge the maximum age */
        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        /** @return whether short secrets are accepted */
        public boolean isAllowInsecureShortSecrets() {
            return allowInsecureShortSecrets;
        }

        /** @param allowInsecureShortSecrets whether short secrets are accepted */
        public void setAllowInsecureShortSecrets(boolean allowInsecureShortSecrets) {
            this.allowInsecureShortSecrets = allowInsecureShortSecrets;
        }

        /** Says which settings are set, never a secret. */
        @Override
        public String toString() {
            return "ChuffedSettings[" + secrets.size() + " secrets, maxAge=" + maxAge + "]";
        }
    }

    /** The Giving Block settings. */
    public static class GivingBlockSettings {
        /** AES-256 keys as 64 hex digits, tried in order (rotation); paired by position with ivs. */
        private List<String> keys = new ArrayList<>();
        /** AES initialisation vectors as 32 hex digits, paired by position with keys. */
        private List<String> ivs = new ArrayList<>();
        /** Maximum age of the payload's eventTimestamp. */
        private Duration maxAge = dev.givinghooks.givingblock.GivingBlock.DEFAULT_MAX_AGE;

        /** @return the keys */
        public List<String> getKeys() {
            return keys;
        }

        /** @param keys the keys */
        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        /** @return the IVs */
        public List<String> getIvs() {
            return ivs;
        }

        /** @param ivs the IVs */
        public void setIvs(List<String> ivs) {
            this.ivs = ivs;
        }

        /** @return the maximum age */
        public Duration getMaxAge() {
            return maxAge;
        }

        /** @param maxAge the maximum age */
        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        /** Says which settings are set, never a key. */
        @Override
        public String toString() {
            return "GivingBlockSettings[" + keys.size() + " keys, " + ivs.size() + " ivs, maxAge=" + maxAge + "]";
        }
    }

    /** Deduplication settings. */
    public static class Idempotency {
        /** Whether deliveries are deduplicated; off, every verified delivery reaches the controller, duplicates included. */
        private boolean enabled = true;
        /** How long a claim holds while the controller works; a crashed instance's claim expires after it. */
        private Duration lease = dev.givinghooks.WebhookReceiver.DEFAULT_LEASE;
        /** How long a processed delivery is remembered (Chuffed retries for about two days). */
        private Duration retention = dev.givinghooks.WebhookReceiver.DEFAULT_RETENTION;
        /** Where claims are kept: memory (one instance; the default), redis (needs givinghooks-idempotency-redis) or jdbc (the application's DataSource; needs givinghooks-idempotency-jdbc), both shared by every instance. An IdempotencyStore bean of your own replaces any. */
        private String store = "memory";
        /** When the store cannot answer: false (the default) refuses the delivery with 503 and Retry-After, true processes it without deduplication. */
        private boolean failOpen;

        /** @return whether deduplication is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether deduplication is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the lease */
        public Duration getLease() {
            return lease;
        }

        /** @param lease the lease */
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        /** @return the retention */
        public Duration getRetention() {
            return retention;
        }

        /** @param retention the retention */
        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        /** @return the store's name */
        public String getStore() {
            return store;
        }

        /** @param store the store's name */
        public void setStore(String store) {
            this.store = store;
        }

        /** @return whether to fail open */
        public boolean isFailOpen() {
            return failOpen;
        }

        /** @param failOpen whether to fail open */
        public void setFailOpen(boolean failOpen) {
            this.failOpen = failOpen;
        }
    }

    /** Spring Security settings. */
    public static class Security {
        /** Whether webhook endpoints get a security filter chain of their own that needs no login, session or CSRF token; every other endpoint keeps the application's rules. */
        private boolean enabled = true;

        /** @return whether the webhook chain is registered */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the webhook chain is registered */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }

    /** The Redis store's settings. */
    public static class Redis {
        /** Where Redis is: redis://host:port (rediss:// for TLS) or redis-cluster://host:port,host:port. Unset, a Lettuce RedisClient or RedisClusterClient bean is used. */
        private String uri;
        /** What every key starts with. */
        private String keyPrefix = "givinghooks:";
        /** How long an operation may take before the store counts Redis as unavailable. */
        private Duration timeout = Duration.ofSeconds(1);

        /** @return the URI, which may hold a password */
        public String getUri() {
            return uri;
        }

        /** @param uri the URI */
        public void setUri(String uri) {
            this.uri = uri;
        }

        /** @return the key prefix */
        public String getKeyPrefix() {
            return keyPrefix;
        }

        /** @param keyPrefix the key prefix */
        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        /** @return the timeout */
        public Duration getTimeout() {
            return timeout;
        }

        /** @param timeout the timeout */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** Says which settings are set, never the URI, which may hold a password. */
        @Override
        public String toString() {
            return "Redis[uri " + (uri == null ? "unset" : "set") + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
        }
    }

    /** The database store's settings. */
    public static class Jdbc {
        /** The table, possibly schema-qualified; its schema ships in givinghooks-idempotency-jdbc as postgresql-v1.sql. */
        private String table = "givinghooks_idempotency";
        /** Whether to create the table and its index at startup when missing; off when migrations own the schema. */
        private boolean createTable;
        /** How long an operation may take, waiting for a connection included, before the store counts the database as unavailable. */
        private Duration timeout = Duration.ofSeconds(1);

        /** @return the table */
        public String getTable() {
            return table;
        }

        /** @param table the table */
        public void setTable(String table) {
            this.table = table;
        }

        /** @return whether to create the table */
        public boolean isCreateTable() {
            return createTable;
        }

        /** @param createTable whether to create the table */
        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }

        /** @return the timeout */
        public Duration getTimeout() {
            return timeout;
        }

        /** @param timeout the timeout */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
