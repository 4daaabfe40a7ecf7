package dev.cairn.testdata;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether ONNX Runtime finds the en_US.UTF-8 locale, which its StringNormalizer (and so every scikit-learn TF-IDF
 * pipeline) needs. Asked of ONNX Runtime itself, once per JVM, by loading the StringNormalizer node test: that is
 * the lookup that fails, and it honours {@code LOCPATH} as the model server would.
 */
public final class EnUsUtf8Locale {

    /** The skip reason: what is missing and how to get it. */
    public static final String MISSING = "needs the en_US.UTF-8 locale, which ONNX Runtime's StringNormalizer loads "
            + "and this machine lacks (Debian: apt-get install locales && localedef -i en_US -f UTF-8 en_US.UTF-8; "
            + "check with locale -a)";

    private static final String PROBE = "onnx-node-tests/test_strnormalizer_export_monday_casesensintive_lower/model.onnx";
    private static Boolean available;

    private EnUsUtf8Locale() {
    }

    /** True when a StringNormalizer model loads here. */
    public static synchronized boolean available() {
        if (available == null) {
            available = probe();
        }
        return available;
    }

    /** Skips the calling test, with {@link #MISSING} as the reason, when the locale is missing. */
    public static void assume() {
        Assumptions.assumeTrue(available(), MISSING);
    }

    private static boolean probe() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(TestData.path(PROBE).toString(), options)) {
            return session.getNumInputs() > 0;
        } catch (OrtException e) {
            if (String.valueOf(e.getMessage()).contains("Failed to construct locale")) {
                return false;
            }
            throw new IllegalStateException("The locale probe " + PROBE + " failed for another reason", e);
        }
    }
}
