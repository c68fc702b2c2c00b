package io.kiln.engine.libreoffice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The LibreOffice user profile every office process starts from (JODConverter copies it into each
 * process's own profile directory). It holds only {@code user/registrymodifications.xcu}: macros
 * never run (and Basic is switched off), links are never updated, and what a document links to
 * (linked images, OLE links) is never fetched: with {@code BlockUntrustedRefererLinks}, a link whose
 * referer (the document's own location) is not a trusted location is blocked, and Kiln trusts none;
 * and since Impress ignores that block for linked images, every http, https and ftp request goes
 * to a proxy whose name cannot resolve.
 * No first-start wizard, update check, recovery or autosave.
 */
final class TemplateProfile {

    private record Setting(String path, String name, String value) {
        String xml() {
            return "<item oor:path=\"" + path + "\"><prop oor:name=\"" + name + "\" oor:op=\"fuse\"><value>"
                    + value + "</value></prop></item>";
        }
    }

    private static final String SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting";
    private static final String INET = "/org.openoffice.Inet/Settings";
    private static final String NO_PROXY_HOST = "no-egress.invalid";
    private static final List<Setting> SETTINGS = List.of(
            // 3 = "very high": only macros from trusted locations run, and there are none
            new Setting(SCRIPTING, "MacroSecurityLevel", "3"),
            new Setting(SCRIPTING, "DisableMacrosExecution", "true"),
            // linked graphics and objects are not fetched for documents outside trusted locations (all of them)
            new Setting(SCRIPTING, "BlockUntrustedRefererLinks", "true"),
            // and whatever still asks for a URL (Impress fetches a linked image despite the block, found by
            // hardening/OfficeOutreachSweepTest) goes to a proxy that cannot exist: ".invalid" never resolves (RFC 2606)
            new Setting(INET, "ooInetProxyType", "2"),
            new Setting(INET, "ooInetHTTPProxyName", NO_PROXY_HOST),
            new Setting(INET, "ooInetHTTPProxyPort", "9"),
            new Setting(INET, "ooInetHTTPSProxyName", NO_PROXY_HOST),
            new Setting(INET, "ooInetHTTPSProxyPort", "9"),
            new Setting(INET, "ooInetFTPProxyName", NO_PROXY_HOST),
            new Setting(INET, "ooInetFTPProxyPort", "9"),
            new Setting(INET, "ooInetNoProxy", ""),
            new Setting("/org.openoffice.Office.Common/Save/Document", "WarnAlienFormat", "false"),
            // Writer: 2 = never update links; Calc: 1 = never
            new Setting("/org.openoffice.Office.Writer/Content/Update", "Link", "2"),
            new Setting("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),
            new Setting("/org.openoffice.Office.Common/Misc", "FirstRun", "false"),
            new Setting("/org.openoffice.Office.Common/Misc", "ShowTipOfTheDay", "false"),
            new Setting("/org.openoffice.Office.Common/Save/Document", "AutoSave", "false"),
            new Setting("/org.openoffice.Office.Common/Save/Document", "CreateBackup", "false"),
            new Setting("/org.openoffice.Office.Recovery/AutoSave", "Enabled", "false"),
            new Setting("/org.openoffice.Office.Recovery/RecoveryInfo", "Enabled", "false"),
            new Setting("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
                    "AutoCheckEnabled", "false"));

    private TemplateProfile() {
    }

    /** Writes the template profile into {@code dir} (replacing what was there) and returns {@code dir}. */
    static Path write(Path dir) throws IOException {
        Path user = Files.createDirectories(dir.resolve("user"));
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <oor:items xmlns:oor="http://openoffice.org/2001/registry" \
                xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                """);
        SETTINGS.forEach(s -> xml.append(s.xml()).append('\n'));
        xml.append("</oor:items>\n");
        Files.writeString(user.resolve("registrymodifications.xcu"), xml, StandardCharsets.UTF_8);
        return dir;
    }
}
