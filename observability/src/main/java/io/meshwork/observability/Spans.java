package io.meshwork.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.vertx.core.Future;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Spans for the work Vert.x does not trace by itself: DuckDB statements, ingestion steps, quality
 * runs, decisions. Attributes name what was touched (domain, product, port, principal) — never a
 * data value, a query's literals or a secret.
 *
 * <pre>{@code
 * // on a worker thread (DuckDB is blocking); the parent is the request's span
 * long rows = spans.inSpan("duckdb insert", Spans.duckdb(domain, "INSERT").put(Spans.PRODUCT, product).build(),
 *     () -> statement.executeUpdate());
 * // around asynchronous work
 * spans.around("ingest " + port, Spans.of(domain, product, port), () -> pipeline.run(batch));
 * }</pre>
 *
 * The parent is {@link Context#current()}: on a Vert.x thread (event loop, or the worker of
 * {@code executeBlocking}/a {@code WorkerExecutor}) that is the current request's span. Work handed
 * to a plain Java executor must capture {@code Context.current()} first and pass it to
 * {@link #inSpan(Context, String, Attributes, Callable)}.
 */
public final class Spans {

  public static final AttributeKey<String> DOMAIN = AttributeKey.stringKey("meshwork.domain");
  public static final AttributeKey<String> PRODUCT = AttributeKey.stringKey("meshwork.product");
  public static final AttributeKey<String> PORT = AttributeKey.stringKey("meshwork.port");
  /** OpenTelemetry's semantic convention for the authenticated user. */
  public static final AttributeKey<String> PRINCIPAL = AttributeKey.stringKey("enduser.id");
  public static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
  public static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  public static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation.name");
  public static final AttributeKey<String> DB_COLLECTION = AttributeKey.stringKey("db.collection.name");
  /** A policy decision's outcome: {@code allow} or {@code deny} (the reason stays in the audit event). */
  public static final AttributeKey<String> DECISION = AttributeKey.stringKey("meshwork.decision");

  private final Tracer tracer;

  public Spans(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.meshwork");
  }

  /** Runs blocking {@code work} in a child span of the current context. */
  public <T> T inSpan(String name, Attributes attributes, Callable<T> work) throws Exception {
    return inSpan(Context.current(), name, attributes, work);
  }

  /** Runs blocking {@code work} in a child span of {@code parent}. */
  public <T> T inSpan(Context parent, String name, Attributes attributes, Callable<T> work) throws Exception {
    Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL).setAllAttributes(attributes).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.call();
    } catch (Exception | Error e) {
      failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * Starts a child span of the current context for short synchronous work whose outcome becomes an
   * attribute (a policy decision); the caller ends it.
   */
  public Span start(String name, Attributes attributes) {
    return tracer.spanBuilder(name).setParent(Context.current()).setSpanKind(SpanKind.INTERNAL).setAllAttributes(attributes).startSpan();
  }

  /** Wraps asynchronous work in a span that ends when its future completes. */
  public <T> Future<T> around(String name, Attributes attributes, Supplier<Future<T>> work) {
    Span span = tracer.spanBuilder(name).setParent(Context.current()).setAllAttributes(attributes).startSpan();
    Future<T> result;
    try (Scope ignored = span.makeCurrent()) {
      result = work.get();
    } catch (RuntimeException e) {
      failed(span, e);
      span.end();
      return Future.failedFuture(e);
    }
    return result.andThen(done -> {
      if (done.failed()) {
        failed(span, done.cause());
      }
      span.end();
    });
  }

  /** Names the product, port and domain on the current span (e.g. the HTTP request's). Nulls are skipped. */
  public static void tagCurrent(String domain, String product, String port) {
    Span span = Span.current();
    if (domain != null) {
      span.setAttribute(DOMAIN, domain);
    }
    if (product != null) {
      span.setAttribute(PRODUCT, product);
    }
    if (port != null) {
      span.setAttribute(PORT, port);
    }
  }

  /** Domain, product and port as attributes; nulls are left out. */
  public static Attributes of(String domain, String product, String port) {
    AttributesBuilder builder = Attributes.builder();
    if (domain != null) {
      builder.put(DOMAIN, domain);
    }
    if (product != null) {
      builder.put(PRODUCT, product);
    }
    if (port != null) {
      builder.put(PORT, port);
    }
    return builder.build();
  }

  /** The attributes of a DuckDB call on a domain's database: the operation (SELECT, INSERT…), never the statement text. */
  public static AttributesBuilder duckdb(String domain, String operation) {
    return Attributes.builder().put(DB_SYSTEM, "duckdb").put(DB_NAMESPACE, domain).put(DB_OPERATION, operation).put(DOMAIN, domain);
  }

  private static void failed(Span span, Throwable error) {
    // the exception type only: messages of JDBC errors can quote data values
    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
  }
}
