package io.orderhub.alerting.channel;

import io.orderhub.alerting.config.AlertingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * POSTs exact bytes (signatures are computed over them) to a channel's URL with a timeout. Channel URLs are
 * configuration, one per channel, so this is a plain HTTP client rather than a typed REST client; retries are
 * the dispatcher's (durable, with backoff).
 */
@ApplicationScoped
public class HttpPoster {
    public record Response(int status, String body) {
    }

    @Inject
    Vertx vertx;
    @Inject
    AlertingConfig config;

    private volatile HttpClient client;

    private HttpClient client() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    int timeout = (int) config.dispatch().timeout().toMillis();
                    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout)
                            .setKeepAlive(true).setMaxPoolSize(16));
                }
            }
        }
        return client;
    }

    public Uni<Response> post(String url, Map<String, String> headers, String body) {
        long timeout = config.dispatch().timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(timeout);
        headers.forEach(options::putHeader);
        return client().request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .chain(response -> response.body().map(b -> new Response(response.statusCode(), b.toString())))
                .ifNoItem().after(config.dispatch().timeout())
                .failWith(() -> new DeliveryException("no answer from " + redact(url) + " within " + config.dispatch().timeout()))
                .onFailure(e -> !(e instanceof DeliveryException))
                .transform(e -> new DeliveryException("could not POST to " + redact(url) + ": " + e.getMessage(), e));
    }

    /** URLs carry keys and tokens (WeCom key, DingTalk access_token): never log them. */
    public static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.closeAndAwait();
        }
    }
}
