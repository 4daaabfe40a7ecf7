package dev.cairn.runtime.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router in front of two real model servers (the iris classifier as versions 1 and 2), over real HTTP. */
class RouterTest {

    private static final String INFER = "/v2/models/iris/infer";
    private static final String REQUEST = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.1,3.5,1.4,0.2]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    private final List<AutoCloseable> open = new ArrayList<>();
    private ModelServer blueServer;
    private Upstream blue;
    private Upstream green;
    private Router router;

    @BeforeEach
    void startServers() throws Exception {
        blueServer = serve("1");
        blue = new Upstream("v1", blueServer.baseUri(), 1);
        green = new Upstream("v2", serve("2").baseUri(), 1);
        router = Router.start("127.0.0.1", 0, 0, RouteTable.single(blue), Duration.ofSeconds(10), 1 << 20, quiet);
        open.add(router);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void blueGreenSwitchUnderA20MsPollDropsNoRequest() throws Exception {
        Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
        List<String> failures = new ArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    HttpResponse<String> response = infer(Map.of());
                    if (response.statusCode() == 200) {
                        answeredBy.computeIfAbsent(JSON.readTree(response.body()).path("model_version").asText(),
                                v -> new AtomicInteger()).incrementAndGet();
                    } else {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                    Thread.sleep(20);
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poller.start();
        Thread.sleep(400);
        router.replaceRoutes(RouteTable.single(green));
        // The old version is stopped only when the router has nothing left in flight to it.
        while (router.stats().get("v1").inFlight() > 0) {
            Thread.sleep(5);
        }
        blueServer.close();
        Thread.sleep(400);
        polling.set(false);
        poller.join();

        assertThat(failures).isEmpty();
        assertThat(answeredBy.get("1").get()).isGreaterThan(5);
        assertThat(answeredBy.get("2").get()).isGreaterThan(5);
        System.out.printf("[figures] router blue-green: %d answers from v1, %d from v2, %d failed%n",
                answeredBy.get("1").get(), answeredBy.get("2").get(), failures.size());
    }

    @Test
    void weightsSplitTheTrafficAndTheVariantHeaderPicksAnUpstream() throws Exception {
        router.replaceRoutes(new RouteTable(List.of(new Upstream("v1", blue.url(), 80),
                new Upstream("v2", green.url(), 20)), null, null));
        Map<String, Integer> versions = new ConcurrentHashMap<>();
        for (int i = 0; i < 200; i++) {
            versions.merge(modelVersion(infer(Map.of())), 1, Integer::sum);
        }
        assertThat(versions.get("2")).isBetween(20, 70);
        assertThat(router.stats().get("v1").requests() + router.stats().get("v2").requests()).isEqualTo(200);
        assertThat(router.stats().get("v2").latencyMillis(0.99)).isPositive();
        assertThat(modelVersion(infer(Map.of(RouteTable.VARIANT_HEADER, "v2")))).isEqualTo("2");
    }

    @Test
    void aStickyHeaderKeepsEachCallerOnOneUpstream() throws Exception {
        router.replaceRoutes(new RouteTable(List.of(new Upstream("v1", blue.url(), 50),
                new Upstream("v2", green.url(), 50)), null, "X-User-Id"));
        Map<String, String> seen = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int user = 0; user < 20; user++) {
                String version = modelVersion(infer(Map.of("X-User-Id", "user-" + user)));
                assertThat(seen.putIfAbsent("user-" + user, version)).isIn(null, version);
            }
        }
        assertThat(seen.values()).contains("1", "2");
    }

    @Test
    void aShadowGetsACopyOfEachRequestAndTheClientOnlySeesThePrimary() throws Exception {
        router.replaceRoutes(new RouteTable(List.of(new Upstream("v1", blue.url(), 1),
                new Upstream("v2", green.url(), 0)), "v2", null));
        for (int i = 0; i < 20; i++) {
            assertThat(modelVersion(infer(Map.of()))).isEqualTo("1");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (router.shadowStats().same() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // The same model file behind both: the answers agree but for the version they name.
        assertThat(router.shadowStats().same()).isEqualTo(20);
        assertThat(router.shadowStats().different()).isZero();
        assertThat(router.stats().get("v2").requests()).isEqualTo(20);
        String metrics = get(router.baseUri().resolve("/metrics")).body();
        assertThat(metrics).contains("cairn_router_requests_total{upstream=\"v1\"} 20.0")
                .contains("cairn_router_shadow_comparisons_total{result=\"same\"} 20.0");
    }

    @Test
    void anUpstreamThatIsGoneIsA502CountedAsItsError() throws Exception {
        router.replaceRoutes(RouteTable.single(new Upstream("gone", URI.create("http://127.0.0.1:9"), 1)));
        HttpResponse<String> response = infer(Map.of());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("upstream gone did not answer");
        assertThat(router.stats().get("gone").errors()).isEqualTo(1);
    }

    @Test
    void theAdminApiReplacesRoutesAndRefusesABadTable() throws Exception {
        URI admin = URI.create("http://127.0.0.1:" + router.adminPort());
        String table = JSON.writeValueAsString(new RouteTable(List.of(new Upstream("v1", blue.url(), 0),
                new Upstream("v2", green.url(), 5)), null, null));
        assertThat(put(admin.resolve(RouterAdmin.ROUTES), table).statusCode()).isEqualTo(200);
        assertThat(modelVersion(infer(Map.of()))).isEqualTo("2");
        JsonNode stats = JSON.readTree(get(admin.resolve(RouterAdmin.STATS)).body());
        assertThat(stats.path("upstreams").path("v2").path("requests").asLong()).isEqualTo(1);

        HttpResponse<String> bad = put(admin.resolve(RouterAdmin.ROUTES),
                "{\"upstreams\":[{\"name\":\"v1\",\"url\":\"http://127.0.0.1:1\",\"weight\":0}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("weight above 0");
        assertThat(router.routes().upstream("v2")).isPresent();
    }

    private ModelServer serve(String version) throws Exception {
        ModelServer server = ModelServer.start(ServedModel.load(TestData.path("models/tribuo_iris_lr.onnx"),
                "iris", version, 1), ServerOptions.defaults().withAddress("127.0.0.1", 0), quiet);
        open.add(0, server);
        return server;
    }

    private HttpResponse<String> infer(Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(router.baseUri().resolve(INFER))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String modelVersion(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("model_version").asText();
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(URI uri, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
