package org.fundraising.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Twenty ids are UUIDs; a route checks them before spending a Twenty call on a value that cannot match. */
public final class Ids {

    /** Our own namespace for name-based ids (RFC 4122 §4.3); never change it, or replays would get new ids. */
    private static final UUID NAMESPACE = UUID.fromString("3b8c8f5e-6a0e-4f8e-9d7c-2f1a6c0b5e11");
    /** A UUID in its text form, for Bean Validation's {@code @Pattern} on typed bodies. */
    public static final String UUID_REGEX = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    /** What a field that must hold a UUID and does not is told. */
    public static final String NOT_UUID = "must be a UUID";
    private static final Pattern UUID_TEXT = Pattern.compile(UUID_REGEX);

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_TEXT.matcher(value).matches();
    }

    /** The id, or a 400 naming the field. */
    public static String requireUuid(String field, String value) {
        if (!isUuid(value)) {
            throw ApiException.badRequest(field + " must be a UUID", List.of(new FieldError(field, "must be a UUID")));
        }
        return value;
    }

    /**
     * A UUID v5 of {@code name} in our namespace: the same name always gives the same id, so a create repeated
     * after a crash or a retry carries the id of the first attempt and Twenty refuses it as a duplicate.
     */
    public static String derived(String name) {
        return derived(NAMESPACE, name);
    }

    static String derived(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(namespace));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xff);
                low = (low << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(high, low).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JVM", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long high = uuid.getMostSignificantBits();
        long low = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }
}
