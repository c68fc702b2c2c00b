package io.kiln.engine.libreoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.star.document.MacroExecMode;
import com.sun.star.frame.XComponentLoader;
import com.sun.star.frame.XStorable;
import com.sun.star.lang.XComponent;
import com.sun.star.uno.UnoRuntime;
import io.kiln.engine.ProducedFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jodconverter.core.office.OfficeContext;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.local.office.LocalOfficeContext;
import org.jodconverter.local.office.LocalOfficeUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents never reach out and never run code; each process has a profile of its own. */
class SafetyTest {

    private static LibreOfficePool pool;
    private static LibreOfficeConverter converter;
    private static HttpServer canary;
    private static final Map<String, AtomicInteger> canaryHits = new ConcurrentHashMap<>();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        pool = OfficeTasks.pool(shared.resolve("data"), 2);
        converter = new LibreOfficeConverter(pool);
        canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canary.createContext("/", exchange -> {
            canaryHits.computeIfAbsent(exchange.getRequestURI().getPath().substring(1), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        canary.start();
    }

    @AfterAll
    static void stop() {
        canary.stop(0);
        pool.close();
    }

    private static int hits(String name) {
        return canaryHits.getOrDefault(name, new AtomicInteger()).get();
    }

    private static String canaryUrl(String name) {
        return "http://127.0.0.1:" + canary.getAddress().getPort() + "/" + name;
    }

    @Test
    void aLinkedImageInADocxIsNeverFetched() throws Exception {
        Path docx = HostileDocuments.docxWithLinkedImage(dir, canaryUrl("canary.png"));

        ProducedFile pdf = converter.convert(OfficeTasks.task(docx, "pdf", Map.of())).getFirst();

        assertThat(OfficeTasks.pdfText(pdf)).contains("Canary document");
        assertThat(hits("canary.png")).isZero();
    }

    @Test
    void aLinkedImageInAnOdtIsNeverFetched() throws Exception {
        Path odt = HostileDocuments.odtWithLinkedImage(dir, canaryUrl("canary-odt.png"));

        for (String to : List.of("pdf", "docx")) {
            ProducedFile out = converter.convert(OfficeTasks.task(odt, to, Map.of())).getFirst();
            assertThat(out.path()).isNotEmptyFile();
        }
        assertThat(hits("canary-odt.png")).isZero();
    }

    /** Impress fetched this despite {@code BlockUntrustedRefererLinks}; the profile's dead proxy stops it. */
    @Test
    void aLinkedImageInAPresentationIsNeverFetched() throws Exception {
        Path odp = io.kiln.testing.OutreachDocuments.all(dir, m -> canaryUrl("canary-" + m)).stream()
                .filter(d -> d.mechanism().equals("odp-linked-image")).findFirst().orElseThrow().file();

        ProducedFile pdf = converter.convert(OfficeTasks.task(odp, "pdf", Map.of())).getFirst();

        assertThat(OfficeTasks.pdfText(pdf)).contains("Outreach document");
        assertThat(hits("canary-odp-linked-image")).isZero();
    }

    @Test
    void aMacroBoundToTheLoadEventNeverRuns() throws Exception {
        Path marker = dir.resolve("macro-ran.txt");
        Path odt = HostileDocuments.odtWithMacroOnLoad(dir, marker);

        ProducedFile pdf = converter.convert(OfficeTasks.task(odt, "pdf", Map.of())).getFirst();

        assertThat(OfficeTasks.pdfText(pdf)).contains("Macro document");
        assertThat(marker).doesNotExist();
    }

    /**
     * The controls: in an office with LibreOffice's default profile the same linked image is fetched,
     * and (where LibreOffice's Basic runtime is installed) the macro runs when macros are allowed.
     */
    @Test
    void theSameDocumentsReachOutInAPermissiveOffice() throws Exception {
        Path docx = HostileDocuments.docxWithLinkedImage(dir, canaryUrl("control.png"));
        Path marker = dir.resolve("control-ran.txt");
        Path odt = HostileDocuments.odtWithMacroOnLoad(dir, marker);
        Path template = Files.createDirectories(dir.resolve("default-profile/user")).getParent();
        OfficeProcess permissive = new OfficeProcess(99, new FreePorts(LibreOfficeSettings.DEFAULT_FIRST_PORT + 500)
                .take(), pool.settings().officeHome(), template, dir.resolve("permissive"), 0);
        permissive.start();
        List<String> live = new java.util.ArrayList<>();
        try {
            permissive.execute(context -> {
                convertPermissively(context, docx, dir.resolve("control-1.pdf"));
                convertPermissively(context, odt, dir.resolve("control-2.pdf"));
            });
            // of the sweep's outreach documents (hardening/OfficeOutreachSweepTest), which reach out when let
            for (var d : io.kiln.testing.OutreachDocuments.all(Files.createDirectories(dir.resolve("outreach")),
                    m -> canaryUrl("outreach-" + m))) {
                permissive.execute(context -> convertPermissively(context, d.file(), dir.resolve(d.mechanism() + ".pdf")));
                if (canaryHits.keySet().stream().anyMatch(k -> k.startsWith("outreach-" + d.mechanism()))) {
                    live.add(d.mechanism());
                }
            }
        } finally {
            permissive.stop();
        }
        assertThat(hits("control.png")).isPositive();
        System.out.println("[safety] outreach mechanisms LibreOffice follows with its default profile: " + live);
        assertThat(live).contains("docx-linked-image", "odp-linked-image");
        assumeTrue(basicInstalled(), "LibreOffice's Basic runtime is not installed: no macro can run here");
        assertThat(marker).exists();
    }

    private static void convertPermissively(OfficeContext context, Path source, Path pdf) throws OfficeException {
        try {
            XComponentLoader loader = ((LocalOfficeContext) context).getComponentLoader();
            XComponent doc = loader.loadComponentFromURL(LocalOfficeUtils.toUrl(source.toFile()), "_blank", 0,
                    LocalOfficeUtils.toUnoProperties(Map.of("Hidden", true,
                            "MacroExecutionMode", MacroExecMode.ALWAYS_EXECUTE_NO_WARN)));
            String name = source.getFileName().toString();
            String filter = name.matches(".*\\.(xlsx|ods|csv)") ? "calc_pdf_Export"
                    : name.endsWith(".odp") ? "impress_pdf_Export" : "writer_pdf_Export";
            UnoRuntime.queryInterface(XStorable.class, doc).storeToURL(LocalOfficeUtils.toUrl(pdf.toFile()),
                    LocalOfficeUtils.toUnoProperties(Map.of("FilterName", filter)));
            doc.dispose();
        } catch (com.sun.star.uno.Exception e) {
            throw new OfficeException("the control conversion failed", e);
        }
    }

    /** Debian ships Basic's runtime (libsblo, basprov) apart, in libreoffice-basic-core. */
    private static boolean basicInstalled() {
        Path program = pool.settings().officeHome().resolve("program");
        return Files.exists(program.resolve("libsblo.so")) && Files.exists(program.resolve("libbasprovlo.so"));
    }

    @Test
    void everyProcessHasItsOwnProfileUnderTheWorkDirectory() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .until(() -> pool.readyProcesses() == pool.size());
        List<Path> profiles = pool.processes().stream().map(p -> p.profileDir().orElseThrow()).toList();

        assertThat(profiles).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(p -> assertThat(p).startsWith(pool.settings().workDir()).isDirectory());
        assertThat(profiles).allSatisfy(p -> assertThat(p.resolve("user/registrymodifications.xcu"))
                .content().contains("BlockUntrustedRefererLinks", "DisableMacrosExecution"));
    }
}
