package io.multicloud.driver.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS SDK's HTTP client on the JDK's {@link HttpClient}. The SDK's Apache clients log every
 * request header at DEBUG (loggers {@code org.apache.http.headers} and
 * {@code org.apache.hc.client5.http.headers}), the {@code Authorization} header with the access
 * key id among them, so an application that turns DEBUG on for everything would print it. The
 * JDK client logs headers only when the application sets {@code jdk.httpclient.HttpClient.log}
 * itself. It also spares the Apache and Netty clients' jars.
 */
final class JdkHttpClient implements SdkHttpClient {
    /** Headers the JDK client sets itself and refuses from the caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final Duration readTimeout;

    JdkHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.readTimeout = readTimeout;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        HttpRequest jdkRequest = toJdk(request.httpRequest(), request.contentStreamProvider().orElse(null));
        return new ExecutableHttpRequest() {
            private volatile CompletableFuture<HttpResponse<InputStream>> sent;

            @Override
            public HttpExecuteResponse call() throws IOException {
                sent = client.sendAsync(jdkRequest, HttpResponse.BodyHandlers.ofInputStream());
                HttpResponse<InputStream> response;
                try {
                    response = sent.get();
                } catch (InterruptedException e) {
                    sent.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + jdkRequest.uri().getHost());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (java.util.concurrent.CancellationException e) {
                    throw new IOException("the request was aborted", e);
                }
                SdkHttpResponse.Builder head = SdkHttpResponse.builder().statusCode(response.statusCode());
                response.headers().map().forEach((name, values) -> {
                    if (!name.startsWith(":")) {
                        head.putHeader(name, values);
                    }
                });
                return HttpExecuteResponse.builder().response(head.build())
                        .responseBody(AbortableInputStream.create(response.body())).build();
            }

            @Override
            public void abort() {
                CompletableFuture<?> inFlight = sent;
                if (inFlight != null) {
                    inFlight.cancel(true);
                }
            }
        };
    }

    private HttpRequest toJdk(SdkHttpRequest request, ContentStreamProvider body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request)).timeout(readTimeout);
        long length = -1;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length") && !header.getValue().isEmpty()) {
                length = Long.parseLong(header.getValue().getFirst().trim());
            }
            if (!RESTRICTED.contains(name)) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (length >= 0) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body::newStream), length);
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(readAll(body));
        }
        return builder.method(request.method().name(), publisher).build();
    }

    private static URI uri(SdkHttpRequest request) {
        return request.getUri();
    }

    private static byte[] readAll(ContentStreamProvider body) {
        try (InputStream in = body.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    @Override
    public void close() {
        client.close();
    }
}
