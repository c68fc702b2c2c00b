package io.kiln.dialect.convertapi;

import io.kiln.testing.TestServer;
import java.net.http.HttpResponse;

/** Polls {@code GET /job/{id}} as a ConvertAPI client does: again while it answers 202. */
final class SeedPolls {

    private SeedPolls() {
    }

    static HttpResponse<String> untilDone(TestServer server, String id) {
        return untilDone(server, "/job/", id);
    }

    /** @param prefix {@code /job/} or its alias {@code /async/job/} */
    static HttpResponse<String> untilDone(TestServer server, String prefix, String id) {
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = server.get(prefix + id);
            if (r.statusCode() != 202) {
                return r;
            }
        }
        throw new AssertionError("job " + id + " did not end");
    }
}
