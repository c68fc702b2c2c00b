package io.kiln.api;

import static io.kiln.testing.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The native API's webhook: the job JSON POSTed, signed per Standard Webhooks, retried until accepted. */
class NativeWebhookTest {

    private static final String SECRET = "a-test-secret-of-enough-length";

    @Test
    void aReceiverThatFailsTwiceGetsTheSignedJobOnTheThirdAttempt() throws Exception {
        try (MockWebServer receiver = new MockWebServer();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1", "--webhook-secret", SECRET)) {
            receiver.enqueue(new MockResponse.Builder().code(500).build());
            receiver.enqueue(new MockResponse.Builder().code(500).build());
            receiver.enqueue(new MockResponse.Builder().code(200).build());
            receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            String hook = "http://127.0.0.1:" + receiver.getPort() + "/hooks/kiln";

            JsonNode job = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info").field("webhook", hook));
            String id = job.path("id").asText();
            List<RecordedRequest> calls = new ArrayList<>();
            calls.add(receiver.takeRequest(20, TimeUnit.SECONDS));
            for (int i = 1; i <= 2; i++) {
                int recorded = i;
                // the attempt is recorded once its answer is in; only then move time past the next step
                await().atMost(Duration.ofSeconds(10)).until(() -> json(server.get("/v1/jobs/" + id).body())
                        .path("webhook").path("attempts").size() == recorded);
                server.clock().advance(Duration.ofMinutes(1));
                calls.add(receiver.takeRequest(20, TimeUnit.SECONDS));
            }
            assertThat(calls).doesNotContainNull();
            for (RecordedRequest call : calls) {
                assertThat(call.getMethod()).isEqualTo("POST");
                assertThat(call.getHeaders().get("webhook-id")).isEqualTo(calls.getFirst().getHeaders().get("webhook-id"));
                String body = call.getBody().utf8();
                assertThat(json(body).path("id").asText()).isEqualTo(id);
                assertThat(json(body).path("status").asText()).isEqualTo("success");
                assertThat(call.getHeaders().get("webhook-signature")).contains("v1," + hmac(signedContent(call)));
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode hookState = json(server.get("/v1/jobs/" + id).body()).path("webhook");
                assertThat(hookState.path("status").asText()).isEqualTo("delivered");
                assertThat(hookState.path("attempts").findValuesAsText("status")).containsExactly("500", "500", "200");
            });
        }
    }

    @Test
    void theWebhookCarriesTheIdOfTheRequestThatCreatedTheJob() throws Exception {
        try (TestServer server = TestServer.start("--allow-hosts", "127.0.0.1");
             MockWebServer receiver = new MockWebServer()) {
            receiver.enqueue(new MockResponse.Builder().code(200).build());
            receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            var submitted = server.send(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info").field("webhook", "http://127.0.0.1:" + receiver.getPort() + "/h")
                    .into(server.request("/v1/jobs")).header("X-Request-Id", "order-4711").build());
            assertThat(submitted.statusCode()).isEqualTo(202);
            RecordedRequest call = receiver.takeRequest(20, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            assertThat(call.getHeaders().get("X-Request-Id")).isEqualTo("order-4711");
            assertThat(json(call.getBody().utf8()).path("id").asText()).isEqualTo(json(submitted.body()).path("id").asText());
        }
    }

    @Test
    void theRetryScheduleIsConfigurableAndTheGeneratedSecretIsInStandardWebhooksForm() throws Exception {
        try (MockWebServer receiver = new MockWebServer();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1",
                     "--webhook-retry-first", "10m", "--webhook-retry-span", "30m")) {
            for (int i = 0; i < 3; i++) {
                receiver.enqueue(new MockResponse.Builder().code(503).build());
            }
            receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            String whsec = server.generatedSecret("webhook.key");
            assertThat(whsec).startsWith("whsec_");
            byte[] key = Base64.getDecoder().decode(whsec.substring("whsec_".length()));

            String id = server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info").field("webhook", "http://127.0.0.1:" + receiver.getPort() + "/h")).path("id").asText();
            // waits of 10 min then 20 min: three attempts, the last 30 min after the first
            for (Duration wait : List.of(Duration.ofMinutes(10), Duration.ofMinutes(20))) {
                RecordedRequest call = receiver.takeRequest(20, TimeUnit.SECONDS);
                assertThat(call).isNotNull();
                assertThat(call.getHeaders().get("webhook-signature")).isEqualTo("v1," + hmac(key, signedContent(call)));
                JsonNode hook = await().atMost(Duration.ofSeconds(10)).until(
                        () -> json(server.get("/v1/jobs/" + id).body()).path("webhook"),
                        h -> h.has("nextAttemptAt") && !h.path("attempts").isEmpty()
                                && h.path("attempts").size() == receiver.getRequestCount());
                java.time.Instant last = java.time.Instant.parse(hook.path("attempts").get(hook.path("attempts").size() - 1)
                        .path("at").asText());
                assertThat(java.time.Instant.parse(hook.path("nextAttemptAt").asText())).isEqualTo(last.plus(wait));
                server.clock().advance(wait);
            }
            assertThat(receiver.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode hook = json(server.get("/v1/jobs/" + id).body()).path("webhook");
                assertThat(hook.path("status").asText()).isEqualTo("failed");
                assertThat(hook.path("attempts").findValuesAsText("status")).containsExactly("503", "503", "503");
            });
        }
    }

    @Test
    void aSecretConfiguredInWhsecFormSignsWithTheBytesItEncodes() throws Exception {
        byte[] key = "sixteen-or-more-random-bytes!".getBytes(StandardCharsets.UTF_8);
        try (MockWebServer receiver = new MockWebServer();
             TestServer server = TestServer.start("--allow-hosts", "127.0.0.1",
                     "--webhook-secret", "whsec_" + Base64.getEncoder().encodeToString(key))) {
            receiver.enqueue(new MockResponse.Builder().code(204).build());
            receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            server.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info").field("webhook", "http://127.0.0.1:" + receiver.getPort() + "/h"));
            RecordedRequest call = receiver.takeRequest(20, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            assertThat(call.getHeaders().get("webhook-signature")).isEqualTo("v1," + hmac(key, signedContent(call)));
        }
    }

    @Test
    void aServerRestartedBetweenAttemptsStillDelivers(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws Exception {
        try (MockWebServer receiver = new MockWebServer()) {
            receiver.enqueue(new MockResponse.Builder().code(500).build());
            receiver.enqueue(new MockResponse.Builder().code(200).build());
            receiver.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
            String[] flags = {"--allow-hosts", "127.0.0.1", "--webhook-secret", SECRET};
            TestServer first = TestServer.startOn(data, flags);
            String id;
            try {
                id = first.convert(Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                        .field("to", "info").field("webhook", "http://127.0.0.1:" + receiver.getPort() + "/h"))
                        .path("id").asText();
                String job = id;
                assertThat(receiver.takeRequest(20, TimeUnit.SECONDS)).isNotNull();
                await().atMost(Duration.ofSeconds(10)).until(() -> json(first.get("/v1/jobs/" + job).body())
                        .path("webhook").path("attempts").size() == 1);
            } finally {
                first.stopKeepingData();
            }
            String job = id;
            try (TestServer second = TestServer.startOn(data, flags)) {
                String after = second.get("/v1/jobs/" + id).body();
                assertThat(json(after).path("webhook").path("status").asText()).as(after).isEqualTo("pending");
                second.clock().advance(Duration.ofMinutes(1));
                RecordedRequest retried = receiver.takeRequest(20, TimeUnit.SECONDS);
                assertThat(retried).isNotNull();
                assertThat(retried.getHeaders().get("webhook-signature")).isEqualTo("v1," + hmac(signedContent(retried)));
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        json(second.get("/v1/jobs/" + job).body()).path("webhook").path("attempts")
                                .findValuesAsText("status")).containsExactly("500", "200"));
            }
        }
    }

    @Test
    void aWebhookToAForbiddenAddressIsRefusedAtSubmit() {
        try (TestServer server = TestServer.start()) {
            var r = server.postMultipart("/v1/jobs", Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf"))
                    .field("to", "info").field("webhook", "http://169.254.169.254/latest"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(r).path("code").asText()).isEqualTo("url_forbidden");
        }
    }

    /** What Standard Webhooks signs: {@code id.timestamp.body}, from the call as received. */
    private static String signedContent(RecordedRequest call) {
        return call.getHeaders().get("webhook-id") + "." + call.getHeaders().get("webhook-timestamp") + "."
                + call.getBody().utf8();
    }

    private static String hmac(String signed) throws Exception {
        return hmac(SECRET.getBytes(StandardCharsets.UTF_8), signed);
    }

    private static String hmac(byte[] key, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(String body) throws Exception {
        return TestServer.JSON.readTree(body);
    }
}
