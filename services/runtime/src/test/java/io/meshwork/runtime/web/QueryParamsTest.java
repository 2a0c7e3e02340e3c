package io.meshwork.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwork.model.error.InvalidException;
import io.meshwork.model.error.Violation;
import io.meshwork.runtime.problem.ProblemHandler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Numeric query parameters over a real router: defaults, ranges, and the 400 that points at the parameter. */
class QueryParamsTest {

  private final Vertx vertx = Vertx.vertx();
  private WebClient client;

  @BeforeEach
  void start() throws Exception {
    Router router = Router.router(vertx);
    new ProblemHandler().install(router);
    router.get("/one").handler(ctx -> ctx.json(new JsonObject().put("limit", QueryParams.intParam(ctx, "limit", 20, 1, 100))));
    router.get("/all").handler(ctx -> {
      List<Violation> violations = new ArrayList<>();
      long after = QueryParams.longParam(ctx, "after", 0, 0, Long.MAX_VALUE, violations);
      int size = QueryParams.intParam(ctx, "size", 20, 1, 100, violations);
      if (!violations.isEmpty()) {
        throw new InvalidException("Invalid query", violations);
      }
      ctx.json(new JsonObject().put("after", after).put("size", size));
    });
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void absentOrEmptyMeansTheDefaultAndAValueInRangeIsTaken() throws Exception {
    assertThat(get("/one").bodyAsJsonObject().getInteger("limit")).isEqualTo(20);
    assertThat(get("/one?limit=").bodyAsJsonObject().getInteger("limit")).isEqualTo(20);
    assertThat(get("/one?limit=100").bodyAsJsonObject().getInteger("limit")).isEqualTo(100);
    assertThat(get("/all?after=9223372036854775807&size=1").bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("after", Long.MAX_VALUE).put("size", 1));
  }

  @Test
  void aValueOutOfRangeOrNotAWholeNumberIsA400PointingAtTheParameter() throws Exception {
    for (String bad : new String[] {"0", "101", "abc", "2.5", "99999999999"}) {
      HttpResponse<Buffer> response = get("/one?limit=" + bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo(ProblemHandler.MEDIA_TYPE);
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getList()).as(bad)
          .containsExactly(Map.of("pointer", "/limit", "reason", "must be a whole number between 1 and 100"));
    }
  }

  @Test
  void everyBadParameterIsReportedInOneProblem() throws Exception {
    JsonObject problem = get("/all?after=-1&size=x").bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(400);
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("pointer")).toList())
        .containsExactly("/after", "/size");
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return client.get(uri).send().await(10, TimeUnit.SECONDS);
  }
}
