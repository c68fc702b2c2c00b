package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.kiln.job.Job;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each dialect's receivers are called the way that service calls them (DESIGN §4, §7). */
class StyleByDialectTest {

    private final Outbox box = new Outbox();

    @AfterEach
    void close() {
        box.close();
    }

    /** A job of {@code dialect} ended with a webhook to {@code url}, and the call its receiver got. */
    private record Call(Job job, RecordedRequest request) {}

    private Call deliver(String url, String dialect) throws Exception {
        box.answer(200);
        Job job = box.endJob(url, dialect);
        box.sender(RetrySchedule.DEFAULT).deliverDue();
        assertThat(box.delivery(job).status()).isEqualTo(DeliveryStatus.DELIVERED);
        return new Call(job, box.receiver.takeRequest(1, TimeUnit.SECONDS));
    }

    @Test
    void convertApiIsCalledWithGetAndTheJobIdInTheQuery() throws Exception {
        Call c = deliver(box.url("/convertapi/done"), "convertapi");
        RecordedRequest call = c.request();

        assertThat(call.getMethod()).isEqualTo("GET");
        assertThat(call.getTarget()).isEqualTo("/convertapi/done?JobId=" + c.job().id());
        assertThat(call.getBodySize()).isZero();
        assertThat(call.getHeaders().get("webhook-signature")).isNull();
    }

    @Test
    void convertApiKeepsAQueryTheUrlAlreadyHas() throws Exception {
        Call c = deliver(box.url("/cb?token=abc&x=1#frag"), "convertapi");
        RecordedRequest call = c.request();

        assertThat(call.getTarget()).isEqualTo("/cb?token=abc&x=1&JobId=" + c.job().id());
    }

    @Test
    void pdfCoIsPostedItsJobCheckJson() throws Exception {
        Call c = deliver(box.url("/pdfco/callback"), "pdfco");
        RecordedRequest call = c.request();

        assertThat(call.getMethod()).isEqualTo("POST");
        assertThat(call.getTarget()).isEqualTo("/pdfco/callback");
        assertThat(call.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(call.getBody().utf8()).isEqualTo(Outbox.PAYLOADS.pdfcoJson(c.job()));
    }

    @Test
    void pdfRestGetsTheSignedNativeCall() throws Exception {
        Call c = deliver(box.url("/pdfrest"), "pdfrest");
        RecordedRequest call = c.request();

        assertThat(call.getMethod()).isEqualTo("POST");
        assertThat(call.getBody().utf8()).isEqualTo(Outbox.PAYLOADS.nativeJson(c.job()));
        String id = box.delivery(c.job()).id();
        assertThat(call.getHeaders().get("webhook-id")).isEqualTo(id);
        assertThat(call.getHeaders().get("webhook-signature")).isEqualTo(new WebhookSigner(Outbox.SECRET)
                .sign(id, Long.parseLong(call.getHeaders().get("webhook-timestamp")), call.getBody().utf8()));
    }
}
