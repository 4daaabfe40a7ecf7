package dev.cairn.core.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Page tokens that remember the search they belong to, as MLflow's logged-model search checks: a token made for one
 * filter and order, reused with another, is an error rather than a page of some other result.
 */
final class SearchToken {

    private SearchToken() {
    }

    /** A fingerprint of the search: every part that changes its result. */
    static String query(List<String> experimentIds, String filter, List<?> datasets, List<?> order) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : List.of(experimentIds, String.valueOf(filter), datasets, order)) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(String query, long offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"query\": \"" + query + "\", \"offset\": "
                + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** The offset in {@code token} (0 for none); refused when it was made for another search. */
    static long offset(String token, String query) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String json;
        try {
            json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TrackingException.invalid("Invalid page token '" + token + "'");
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("\\{\"query\": \"([0-9a-f]+)\", \"offset\": (\\d{1,15})}").matcher(json);
        if (!matcher.matches()) {
            throw TrackingException.invalid("Invalid page token '" + token + "'");
        }
        if (!matcher.group(1).equals(query)) {
            throw TrackingException.invalid("The page token was made for another search: repeat it with the same "
                    + "experiment_ids, filter, datasets and order_by");
        }
        return Long.parseLong(matcher.group(2));
    }
}
