package io.kiln.engine.pdf;

import io.kiln.engine.ConversionTask;
import io.kiln.engine.Options;
import io.kiln.engine.ProducedFile;
import io.kiln.error.ConversionFailed;
import io.kiln.error.ErrorCode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/**
 * {@code pdf → protect} (or {@code encrypt}): AES (256 bits unless asked for 128) with a user and/or
 * owner password and the allowed actions. Assembling pages and high-quality printing follow
 * {@code allowModify} and {@code allowPrint} unless set on their own, which the vendors' finer
 * permissions need.
 */
final class PdfEncryption implements PdfOperation {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public List<ProducedFile> run(ConversionTask task) throws IOException, InterruptedException {
        Options options = task.options();
        Optional<String> user = secret(options, "userPassword");
        Optional<String> owner = secret(options, "ownerPassword");
        if (user.isEmpty() && owner.isEmpty()) {
            throw new ConversionFailed(ErrorCode.INVALID_OPTION,
                    task.to() + " needs a userPassword, an ownerPassword, or both.");
        }
        AccessPermission allowed = new AccessPermission();
        boolean print = options.bool("allowPrint", true);
        boolean modify = options.bool("allowModify", true);
        allowed.setCanPrint(print);
        allowed.setCanPrintFaithful(options.bool("allowPrintHighQuality", print));
        allowed.setCanExtractContent(options.bool("allowCopy", true));
        allowed.setCanModify(modify);
        allowed.setCanAssembleDocument(options.bool("allowAssemble", modify));
        allowed.setCanModifyAnnotations(options.bool("allowAnnotate", true));
        allowed.setCanFillInForm(options.bool("allowFillForms", true));
        // PDFBox would reuse the user password as owner password, making the restrictions void
        StandardProtectionPolicy policy = new StandardProtectionPolicy(
                owner.orElseGet(PdfEncryption::randomPassword), user.orElse(""), allowed);
        policy.setEncryptionKeyLength(options.string("algorithm").map(EncryptionAlgorithm::of)
                .orElse(EncryptionAlgorithm.DEFAULT).keyBits);
        policy.setPreferAES(true); // at 128 bits PDFBox would otherwise write RC4
        OutputFiles files = new OutputFiles(task);
        try (PDDocument doc = PdfLoader.open(task.input(), task)) {
            PageSelection.apply(doc, options.pages());
            doc.protect(policy);
            return List.of(files.savePdf(doc, files.name(null, "pdf"), false));
        }
    }

    /** Passwords are taken as given, spaces included; only an empty one counts as absent. */
    private static Optional<String> secret(Options options, String name) {
        return Optional.ofNullable(options.values().get(name)).filter(s -> !s.isEmpty());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
