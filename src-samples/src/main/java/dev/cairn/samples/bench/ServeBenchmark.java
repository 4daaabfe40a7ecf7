package dev.cairn.samples.bench;

import dev.cairn.testdata.TestData;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.server.ModelServer;
import dev.cairn.runtime.server.ServedModel;
import dev.cairn.runtime.server.ServerOptions;
import dev.cairn.runtime.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load harness for the model server: Open Inference Protocol requests over keep-alive HTTP/1.1 on loopback at
 * concurrency 1, 16 and 64, against the same model run in process with bare {@code session.run} on reused input
 * tensors (the ceiling a server can approach). Prints requests/s, P50 and P99 per model and concurrency.
 *
 * <p>Usage: {@code ServeBenchmark [seconds per phase] [models folder]}; the models are {@code tribuo_iris_lr.onnx}
 * (one row of 4 floats per request) and {@code tribuo_cnn_mnist.onnx} (one 28x28 image per request). The load
 * generator is a raw socket per client sending a prepared request, as wrk does, so on a machine with few cores it
 * takes little CPU from the server it measures.
 */
public final class ServeBenchmark {

    private static final int[] CONCURRENCY = {1, 16, 64};

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path models = args.length > 1 ? Path.of(args[1]) : locateModels();
        PrintStream out = System.out;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("ServeBenchmark: %d cores, %s s per phase, JDK %s%n", cores, seconds, Runtime.version());
        bench(out, models.resolve("tribuo_iris_lr.onnx"), "input", new long[] {1, 4}, seconds, cores);
        bench(out, models.resolve("tribuo_cnn_mnist.onnx"), "input_image", new long[] {1, 1, 28, 28}, seconds, cores);
    }

    private static void bench(PrintStream out, Path file, String inputName, long[] shape, double seconds, int cores)
            throws Exception {
        int count = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] values = new float[count];
        Random random = new Random(42);
        for (int i = 0; i < count; i++) {
            values[i] = count > 100 ? random.nextInt(256) : 1 + random.nextFloat() * 6; // pixels or iris lengths
        }
        out.printf("%n%s: one request = %s %s%n", file.getFileName(), inputName, Arrays.toString(shape));
        double inProcess = inProcess(file, inputName, shape, values, seconds, cores);
        out.printf("  in process, bare session.run, %d threads: %,.0f inferences/s%n", cores, inProcess);

        ServerOptions options = ServerOptions.defaults().withAddress("127.0.0.1", 0);
        try (ModelServer server = ModelServer.start(ServedModel.load(file, "m", "1", options.intraOpThreads()),
                options, new PrintStream(OutputStream.nullOutputStream()))) {
            byte[] request = request(server.baseUri(), inputName, shape, values);
            out.printf("  HTTP (JDK HttpServer, %d inference threads), request %,d bytes:%n", options.inferenceThreads(),
                    request.length);
            out.printf("  %11s %12s %9s %9s %14s%n", "concurrency", "req/s", "P50 ms", "P99 ms", "of in-process");
            for (int clients : CONCURRENCY) {
                Load load = load(server.baseUri(), request, clients, Math.min(1, seconds));
                load = load(server.baseUri(), request, clients, seconds);
                out.printf("  %11d %,12.0f %9.3f %9.3f %13.0f%%%n", clients, load.perSecond, load.percentile(50),
                        load.percentile(99), 100 * load.perSecond / inProcess);
            }
            // The HTTP layer's own ceiling: a bodiless health check, no JSON, no inference.
            byte[] health = ("GET /v2/health/live HTTP/1.1\r\nHost: " + server.baseUri().getHost() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            load(server.baseUri(), health, 16, Math.min(1, seconds));
            Load floor = load(server.baseUri(), health, 16, seconds);
            out.printf("  HTTP alone (GET /v2/health/live, 16 clients): %,.0f req/s, P99 %.3f ms%n", floor.perSecond,
                    floor.percentile(99));
        }
    }

    /** Bare ONNX Runtime: one session, intra-op 1, the input tensor made once, N threads calling run. */
    private static double inProcess(Path file, String inputName, long[] shape, float[] values, double seconds,
            int threads) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(file.toString(), options)) {
                FloatBuffer buffer = ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                buffer.put(values).rewind();
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, shape)) {
                    Map<String, OnnxTensor> feeds = Map.of(inputName, tensor);
                    runFor(session, feeds, Math.min(1, seconds), threads);
                    return runFor(session, feeds, seconds, threads);
                }
            }
        }
    }

    private static double runFor(OrtSession session, Map<String, OnnxTensor> feeds, double seconds, int threads)
            throws Exception {
        long[] counts = new long[threads];
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int index = t;
            new Thread(() -> {
                try {
                    while (!stop.get()) {
                        session.run(feeds).close();
                        counts[index]++;
                    }
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    done.countDown();
                }
            }).start();
        }
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        return Arrays.stream(counts).sum() / ((System.nanoTime() - start) / 1e9);
    }

    private static byte[] request(URI uri, String inputName, long[] shape, float[] values) throws IOException {
        ObjectNode body = OipJson.mapper().createObjectNode();
        ObjectNode input = OipJson.writeTensor(Tensor.ofFloats(inputName, shape, values));
        body.putArray("inputs").add(input);
        // Asks for the one output by name, as clients that know the model do.
        body.putArray("outputs").addObject().put("name", inputName.equals("input") ? "output" : "output_probs");
        byte[] json = OipJson.mapper().writeValueAsBytes(body);
        String head = "POST /v2/models/m/infer HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
        byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.US_ASCII), head.length() + json.length);
        System.arraycopy(json, 0, request, head.length(), json.length);
        return request;
    }

    /** Requests per second and every latency seen. */
    private record Load(double perSecond, long[] latencies) {
        double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p / 100 * latencies.length) - 1);
            return latencies[Math.max(0, index)] / 1e6;
        }
    }

    private static Load load(URI uri, byte[] request, int clients, double seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(clients);
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        Exception[] failure = new Exception[1];
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            int index = c;
            new Thread(() -> {
                try (KeepAliveConnection connection = new KeepAliveConnection(uri)) {
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        int status = connection.exchange(request);
                        long took = System.nanoTime() - start;
                        if (status != 200) {
                            throw new IOException("the server answered " + status);
                        }
                        if (counts[index] < mine.length) {
                            mine[counts[index]++] = took;
                        }
                    }
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    done.countDown();
                }
            }).start();
        }
        long start = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure[0] != null) {
            throw failure[0];
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Load(total / elapsed, all);
    }

    static Path locateModels() {
        return TestData.root().resolve("models");
    }
}
