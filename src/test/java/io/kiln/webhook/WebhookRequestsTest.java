package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookRequestsTest {

    @Test
    void theJobIdIsAppendedToWhateverQueryIsThere() throws Exception {
        assertThat(WebhookRequests.withJobId(URI.create("https://h.example/cb"), "j1"))
                .hasToString("https://h.example/cb?JobId=j1");
        assertThat(WebhookRequests.withJobId(URI.create("https://h.example/cb?a=1"), "j1"))
                .hasToString("https://h.example/cb?a=1&JobId=j1");
        assertThat(WebhookRequests.withJobId(URI.create("https://h.example/cb?"), "j1"))
                .hasToString("https://h.example/cb?JobId=j1");
        assertThat(WebhookRequests.withJobId(URI.create("https://h.example/cb?a=1&"), "j1"))
                .hasToString("https://h.example/cb?a=1&JobId=j1");
        assertThat(WebhookRequests.withJobId(URI.create("https://h.example/cb#top"), "j1"))
                .hasToString("https://h.example/cb?JobId=j1");
    }

    @Test
    void dialectsMapToStyles() {
        assertThat(DeliveryStyle.of("native")).isEqualTo(DeliveryStyle.SIGNED_JOB_JSON);
        assertThat(DeliveryStyle.of("pdfrest")).isEqualTo(DeliveryStyle.SIGNED_JOB_JSON);
        assertThat(DeliveryStyle.of("convertapi")).isEqualTo(DeliveryStyle.CONVERTAPI_GET);
        assertThat(DeliveryStyle.of("pdfco")).isEqualTo(DeliveryStyle.PDFCO_POST);
    }
}
