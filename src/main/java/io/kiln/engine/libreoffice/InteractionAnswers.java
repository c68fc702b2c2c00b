package io.kiln.engine.libreoffice;

import com.sun.star.lib.uno.helper.WeakBase;
import com.sun.star.task.PasswordRequest;
import com.sun.star.task.XInteractionAbort;
import com.sun.star.task.XInteractionApprove;
import com.sun.star.task.XInteractionContinuation;
import com.sun.star.task.XInteractionHandler;
import com.sun.star.task.XInteractionRequest;
import com.sun.star.uno.UnoRuntime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the questions LibreOffice asks while loading one document, as a person who never agrees
 * would: every request is aborted (a request that cannot be aborted, such as a warning, is acknowledged).
 * A password request ({@code DocumentPasswordRequest}, {@code DocumentMSPasswordRequest} and their
 * {@code 2} variants all extend {@link PasswordRequest}) is remembered, so the failure can say that
 * the document is encrypted. LibreOffice asks again after a wrong password, so a request with a
 * password given means that password was wrong.
 */
final class InteractionAnswers extends WeakBase implements XInteractionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionAnswers.class);

    private volatile boolean passwordAsked;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public void handle(XInteractionRequest request) {
        Object what = request.getRequest();
        String name = what == null ? "null" : what.getClass().getName();
        requests.add(name);
        if (what instanceof PasswordRequest) {
            passwordAsked = true;
        }
        XInteractionContinuation[] options = request.getContinuations();
        if (!choose(options, XInteractionAbort.class) && !choose(options, XInteractionApprove.class)) {
            LOG.debug("LibreOffice asked {} and offered no abort or approve", name);
        }
    }

    private static boolean choose(XInteractionContinuation[] options, Class<?> kind) {
        for (XInteractionContinuation option : options == null ? new XInteractionContinuation[0] : options) {
            if (UnoRuntime.queryInterface(kind, option) != null) {
                option.select();
                return true;
            }
        }
        return false;
    }

    boolean passwordAsked() {
        return passwordAsked;
    }

    /** The type names of every request LibreOffice made, for the log. */
    List<String> requests() {
        return List.copyOf(requests);
    }
}
