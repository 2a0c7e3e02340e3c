package io.meshwork.portal.node;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A local HTTP server that answers every request with one canned answer and keeps the last request's headers. */
public final class StubNode implements AutoCloseable {

    private final HttpServer server;
    private volatile int status = 200;
    private volatile String contentType = "application/json";
    private volatile String body = "{}";
    private volatile Headers lastRequestHeaders;
    private volatile String lastRequestUri;

    public StubNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            lastRequestHeaders = exchange.getRequestHeaders();
            lastRequestUri = exchange.getRequestURI().toString();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public StubNode answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String lastRequestHeader(String name) {
        return lastRequestHeaders == null ? null : lastRequestHeaders.getFirst(name);
    }

    public String lastRequestUri() {
        return lastRequestUri;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
