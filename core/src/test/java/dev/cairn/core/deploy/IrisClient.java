package dev.cairn.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a deployed iris model for a class over the Open Inference Protocol, as any client of the container would. */
final class IrisClient {

    /** The first flower of the iris data set. */
    static final String SETOSA = "[5.1, 3.5, 1.4, 0.2]";
    /** What ONNX Runtime in process answers for it with Tribuo's test model: class 1 at p = 0.9999981. */
    static final int SETOSA_CLASS = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the server answered: the model version it serves and the predicted class index. */
    record Answer(String modelVersion, int predictedClass) {
    }

    Answer classify(String baseUrl, String modelName, String flower) throws IOException, InterruptedException {
        String body = "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":" + flower + "}]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v2/models/" + modelName + "/infer"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        JsonNode scores = answer.get("outputs").get(0).get("data");
        int best = 0;
        for (int i = 1; i < scores.size(); i++) {
            if (scores.get(i).asDouble() > scores.get(best).asDouble()) {
                best = i;
            }
        }
        return new Answer(answer.path("model_version").asText(), best);
    }
}
