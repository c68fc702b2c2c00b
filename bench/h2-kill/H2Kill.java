import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/**
 * Does an embedded H2 keep, across kill -9, every commit it said was stored? Eight threads insert
 * rows; after each insert one of them runs what Kiln's GroupCommit runs (CHECKPOINT, then a drain of
 * the store's writer) and only then appends the row's id to an "acked" file. {@code run} loops until
 * killed; {@code check} counts the acked ids missing from the database.
 *
 * <pre>java -cp h2.jar:classes H2Kill run|check DIR</pre> (bench/h2-kill/run does it all)
 */
public class H2Kill {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]).toAbsolutePath();
        String url = "jdbc:h2:retry:" + dir.resolve("kill") + ";DB_CLOSE_ON_EXIT=FALSE";
        Path acked = dir.resolve("acked.txt");
        if (args[0].equals("check")) {
            Set<String> present = new HashSet<>();
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet rs = c.createStatement().executeQuery("SELECT id FROM t")) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            List<String> ids = Files.readAllLines(acked);
            long lost = ids.stream().filter(id -> !present.contains(id)).count();
            System.out.println("acked " + ids.size() + ", present " + present.size() + ", lost " + lost);
            System.exit(lost == 0 ? 0 : 1);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS t (id VARCHAR(40) PRIMARY KEY, pad VARCHAR(2000))");
        }
        var out = Files.newBufferedWriter(acked, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Object barrier = new Object();
        String pad = "x".repeat(1500);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                try (Connection c = DriverManager.getConnection(url);
                     PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    while (true) {
                        String id = UUID.randomUUID().toString();
                        insert.setString(1, id);
                        insert.setString(2, pad);
                        insert.executeUpdate();
                        synchronized (barrier) {
                            c.createStatement().execute("CHECKPOINT");
                            ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
                                    .getMvStore().executeFilestoreOperation(() -> { });
                        }
                        synchronized (out) { // page cache is enough: a kill -9 does not lose written bytes
                            out.write(id);
                            out.newLine();
                            out.flush();
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                }
                return null;
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
