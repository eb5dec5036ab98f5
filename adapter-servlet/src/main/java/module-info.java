/**
 * Givinghooks servlet adapter: {@link dev.givinghooks.servlet.WebhookFilter}, a Jakarta Servlet
 * 6.0 filter that verifies a webhook delivery with givinghooks-core before the application sees
 * it.
 */
module dev.givinghooks.servlet {
    requires transitive dev.givinghooks;
    requires transitive jakarta.servlet;

    exports dev.givinghooks.servlet;
}
