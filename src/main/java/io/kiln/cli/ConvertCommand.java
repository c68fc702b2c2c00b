package io.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln convert FILE --to pdf}: submits a job to a server, shows progress, saves the result. */
@Command(name = "convert", description = "Convert a file through a Kiln server.")
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "file to convert")
    Path file;

    @Option(names = "--to", required = true, description = "target format, e.g. pdf")
    String to;

    @Option(names = "--server", description = "server base URL (default $KILN_SERVER or http://127.0.0.1:8080)")
    String server = System.getenv().getOrDefault("KILN_SERVER", "http://127.0.0.1:8080");

    @Option(names = "--key", description = "API key (default $KILN_KEY)")
    String key = System.getenv("KILN_KEY");

    @Option(names = {"-o", "--output"}, description = "where to save (default: FILE's name with the new extension)")
    Path output;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    public static int run(String[] args) {
        return new CommandLine(new ConvertCommand()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            System.err.println("kiln convert: " + e.getMessage());
            return 1;
        }).execute(args);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        String boundary = "kiln" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n" + to + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        JsonNode job = send(request("/v1/jobs").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body).build());
        String id = job.path("id").asText();
        System.err.println("job " + id + " " + job.path("status").asText());
        while (!job.path("status").asText().matches("success|failed|aborted")) {
            job = send(request("/v1/jobs/" + id + "?wait=30").GET().build());
            System.err.println("job " + id + " " + job.path("status").asText());
        }
        if (!job.path("status").asText().equals("success")) {
            System.err.println("failed: " + job.path("error").path("code").asText() + ": "
                    + job.path("error").path("message").asText());
            return 1;
        }
        Path target = output != null ? output : Path.of(baseName(file) + "." + (job.path("outputs").size() == 1
                ? job.path("outputs").get(0).path("ext").asText() : "zip"));
        HttpResponse<Path> r = http.send(request("/v1/jobs/" + id + "/output").GET().build(),
                HttpResponse.BodyHandlers.ofFile(target));
        System.err.println("saved " + r.body() + " (" + Files.size(target) + " bytes)");
        return r.statusCode() == 200 ? 0 : 1;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.replaceAll("/+$", "") + path));
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(r.body());
        if (r.statusCode() >= 400) {
            throw new IOException(r.statusCode() + " " + body.path("code").asText() + ": " + body.path("detail").asText());
        }
        return body;
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
