package io.kiln.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    @Test
    void signsLikeTheStandardWebhooksReference() {
        // the example of the Standard Webhooks specification and its reference libraries
        WebhookSigner signer = WebhookSigner.fromWhsec("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theSharedFormRoundTrips() {
        WebhookSigner signer = new WebhookSigner(Outbox.SECRET);
        assertThat(signer.whsec()).startsWith("whsec_");
        assertThat(WebhookSigner.fromWhsec(signer.whsec()).sign("id", 1, "b")).isEqualTo(signer.sign("id", 1, "b"));
        assertThat(signer.toString()).doesNotContain(signer.whsec().substring(6));
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> new WebhookSigner(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }
}
