package dev.cairn.core.tracking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: base64 of an offset, as MLflow's file store makes them. */
public final class PageToken {

    private PageToken() {
    }

    public static String of(long offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset in {@code token}; 0 for null or empty. */
    public static long offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String digits = json.replaceAll("[^0-9]", "");
            long offset = Long.parseLong(digits);
            if (!json.matches("\\{\"offset\": ?\\d+}")) {
                throw new IllegalArgumentException(json);
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw TrackingException.invalid("Invalid page token '" + token + "'");
        }
    }
}
