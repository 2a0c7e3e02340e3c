package io.meshwork.observability;

import com.mongodb.MongoClientSettings;
import com.mongodb.RequestContext;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.ReactiveContextProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bson.BsonValue;

/**
 * A client span per MongoDB command ({@code find products}, {@code insert events}…), child of the
 * request that issued it. The reactive driver runs commands on its own threads, where
 * {@link Context#current()} is empty; so a {@link ReactiveContextProvider} captures the caller's
 * context when a publisher is subscribed (on the Vert.x thread, see runtime's {@code Reactive}),
 * and the command listener reads it back from the command's request context. Commands with no
 * traced caller (start-up, background timers) get no span. Attributes name the database,
 * collection and command — never the filter or the documents.
 */
public final class MongoTracing implements CommandListener {

  private static final String OTEL_CONTEXT = "otel.context";

  private final Tracer tracer;
  private final Map<Integer, Span> inFlight = new ConcurrentHashMap<>();

  private MongoTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.meshwork.mongodb");
  }

  /** Adds command tracing to the settings of the node's MongoDB client. */
  public static MongoClientSettings.Builder install(MongoClientSettings.Builder settings, OpenTelemetry openTelemetry) {
    return settings
        .contextProvider((ReactiveContextProvider) subscriber -> new CapturedContext(Context.current()))
        .addCommandListener(new MongoTracing(openTelemetry));
  }

  @Override
  public void commandStarted(CommandStartedEvent event) {
    RequestContext request = event.getRequestContext();
    if (request == null || !request.hasKey(OTEL_CONTEXT)) {
      return;
    }
    Context parent = request.get(OTEL_CONTEXT);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return;
    }
    String command = event.getCommandName();
    String collection = collection(event);
    Span span = tracer.spanBuilder(collection == null ? command : command + " " + collection)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(Spans.DB_SYSTEM, "mongodb")
        .setAttribute(Spans.DB_NAMESPACE, event.getDatabaseName())
        .setAttribute(Spans.DB_OPERATION, command)
        .startSpan();
    if (collection != null) {
      span.setAttribute(Spans.DB_COLLECTION, collection);
    }
    inFlight.put(event.getRequestId(), span);
  }

  @Override
  public void commandSucceeded(CommandSucceededEvent event) {
    Span span = inFlight.remove(event.getRequestId());
    if (span != null) {
      span.end();
    }
  }

  @Override
  public void commandFailed(CommandFailedEvent event) {
    Span span = inFlight.remove(event.getRequestId());
    if (span != null) {
      span.setStatus(StatusCode.ERROR, event.getThrowable().getClass().getSimpleName());
      span.end();
    }
  }

  private static String collection(CommandStartedEvent event) {
    BsonValue value = event.getCommand().get(event.getCommandName());
    return value != null && value.isString() ? value.asString().getValue() : null;
  }

  /** The driver's request context, holding only the caller's OpenTelemetry context. */
  private record CapturedContext(Context context) implements RequestContext {

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key) {
      if (!OTEL_CONTEXT.equals(key)) {
        throw new NoSuchElementException(String.valueOf(key));
      }
      return (T) context;
    }

    @Override
    public boolean hasKey(Object key) {
      return OTEL_CONTEXT.equals(key);
    }

    @Override
    public boolean isEmpty() {
      return false;
    }

    @Override
    public void put(Object key, Object value) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public void delete(Object key) {
      throw new UnsupportedOperationException("read-only");
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public Stream<Map.Entry<Object, Object>> stream() {
      return Stream.of(Map.entry(OTEL_CONTEXT, context));
    }
  }
}
