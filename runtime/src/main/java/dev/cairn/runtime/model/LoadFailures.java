package dev.cairn.runtime.model;

import ai.onnxruntime.OrtException;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.cairn.runtime.model.ModelLoadException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns ONNX Runtime's session-creation errors into {@link ModelLoadException}s that say what to do. */
final class LoadFailures {

    private static final Pattern OPSET_NEW = Pattern.compile("Opset (\\d+) is under development");
    private static final Pattern OPSET_SUPPORTED = Pattern.compile("support for domain (\\S+) is till opset (\\d+)");
    private static final Pattern OPSET_OLD = Pattern.compile("opset version (\\d+) or above for opset domain '([^']*)'");
    private static final Pattern IR_VERSION = Pattern.compile("Unsupported model IR version: (\\d+), max supported IR version: (\\d+)");
    private static final Pattern NO_KERNEL = Pattern.compile("Could not find an implementation for (\\S+?\\(\\d+\\)) node");
    private static final Pattern LOCALE = Pattern.compile("Failed to construct locale with name:\\s*([^\\s:]+)");
    // The first byte of nearly every ONNX file: field 1 (ir_version), varint.
    private static final int IR_VERSION_TAG = 0x08;

    private LoadFailures() {
    }

    /**
     * Explains an ORT failure. {@code model} is the file, or null when the model came as bytes ({@code bytes}),
     * used to tell a truncated ONNX file from something that is not ONNX at all.
     */
    static ModelLoadException explain(String modelName, OrtException e, Path model, byte[] bytes, String ortVersion) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        String runtime = "ONNX Runtime " + ortVersion;
        Matcher matcher;
        if ((matcher = LOCALE.matcher(detail)).find()) {
            String locale = matcher.group(1);
            return new ModelLoadException(modelName, Reason.MISSING_LOCALE, "ONNX Runtime needs the " + locale
                    + " locale for this model's string operators (StringNormalizer, TF-IDF) and this machine does "
                    + "not have it; install it (Debian/Ubuntu: localedef -i en_US -f UTF-8 en_US.UTF-8)", detail, e);
        }
        if (detail.contains("ValidateOpsetForDomain") || OPSET_NEW.matcher(detail).find()) {
            Matcher used = OPSET_NEW.matcher(detail);
            Matcher supported = OPSET_SUPPORTED.matcher(detail);
            Matcher old = OPSET_OLD.matcher(detail);
            if (used.find() && supported.find()) {
                return new ModelLoadException(modelName, Reason.OPSET_TOO_NEW, "it uses opset " + used.group(1)
                        + " of domain " + supported.group(1) + ", but " + runtime + " supports up to opset "
                        + supported.group(2) + "; export the model with an older opset or use a newer ONNX Runtime",
                        detail, e);
            }
            if (old.find()) {
                return new ModelLoadException(modelName, Reason.OPSET_TOO_OLD, "its opset for domain '"
                        + old.group(2) + "' is older than " + runtime + " supports (" + old.group(1)
                        + " or above); convert it with onnx.version_converter", detail, e);
            }
            return new ModelLoadException(modelName, Reason.OPSET_TOO_NEW, "its opset version is not supported by "
                    + runtime, detail, e);
        }
        if ((matcher = IR_VERSION.matcher(detail)).find()) {
            return new ModelLoadException(modelName, Reason.IR_VERSION_TOO_NEW, "its ONNX IR version " + matcher.group(1)
                    + " is newer than " + runtime + " supports (" + matcher.group(2) + ")", detail, e);
        }
        if ((matcher = NO_KERNEL.matcher(detail)).find()) {
            return new ModelLoadException(modelName, Reason.UNSUPPORTED_OPERATOR, runtime + " has no implementation of "
                    + matcher.group(1) + " for the types this model uses", detail, e);
        }
        if (detail.contains("is not a registered function/op") || detail.contains("No opset import for domain")
                || detail.contains("No Op registered for")) {
            return new ModelLoadException(modelName, Reason.UNSUPPORTED_OPERATOR, "it uses an operator " + runtime
                    + " does not know (a custom or preview operator?)", detail, e);
        }
        if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF || detail.contains("Protobuf parsing failed")) {
            if (looksTruncated(model, bytes)) {
                return new ModelLoadException(modelName, Reason.TRUNCATED, "the file is truncated: it starts like an "
                        + "ONNX model but ends in the middle of it (an interrupted download or copy?)", detail, e);
            }
            return new ModelLoadException(modelName, Reason.NOT_ONNX, "the file is not an ONNX model (it is not a "
                    + "valid ONNX protobuf)", detail, e);
        }
        if (e.getCode() == OrtException.OrtErrorCode.ORT_NO_SUCHFILE) {
            return new ModelLoadException(modelName, Reason.NOT_FOUND, "the file does not exist", detail, e);
        }
        if (detail.contains("does not have a graph")) {
            return new ModelLoadException(modelName, Reason.NOT_ONNX, "the file holds no ONNX graph", detail, e);
        }
        if (e.getCode() == OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED) {
            return new ModelLoadException(modelName, Reason.UNSUPPORTED_OPERATOR, runtime
                    + " does not implement something this model needs", detail, e);
        }
        if (e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_GRAPH
                || e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT) {
            return new ModelLoadException(modelName, Reason.INVALID_MODEL, "the model is not valid ONNX", detail, e);
        }
        return new ModelLoadException(modelName, Reason.OTHER, runtime + " could not create a session", detail, e);
    }

    private static boolean looksTruncated(Path model, byte[] bytes) {
        try {
            if (model != null) {
                try (InputStream in = Files.newInputStream(model)) {
                    if (in.read() != IR_VERSION_TAG) {
                        return false;
                    }
                }
                GraphSignatureReader.read(model);
            } else {
                if (bytes.length == 0 || bytes[0] != IR_VERSION_TAG) {
                    return false;
                }
                GraphSignatureReader.read(bytes);
            }
            return false;
        } catch (InvalidProtocolBufferException e) {
            return e.getMessage() != null && e.getMessage().contains("truncated");
        } catch (IOException e) {
            return false;
        }
    }
}
