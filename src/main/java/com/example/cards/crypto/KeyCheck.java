package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key check values, the card industry's KCV idea with a keyed MAC: for the hash key, the
 * card-number key and each data key, the first 8 bytes of HMAC-SHA-256 of a fixed string
 * under the key. They identify a key without revealing it. The database records them on a
 * key's first use; on every later start the keystore must produce the same values for the
 * keys recorded, else the application is refused ({@link KeyRefusedException}): another
 * keystore would hash, permute or decrypt differently and reject every request.
 */
public final class KeyCheck {

    private static final byte[] FIXED = "bulk-issuance key check value v1".getBytes(StandardCharsets.US_ASCII);

    private KeyCheck() {
    }

    /** Key name ({@code hash}, {@code pan-ff1}, {@code data.<keyId>}) → check value. */
    public static Map<String, String> of(KeyRing keys) {
        Map<String, String> values = new TreeMap<>();
        values.put(KeyRing.HASH_ALIAS, mac(keys.hashKey()));
        values.put(KeyRing.PAN_PERMUTATION_ALIAS, mac(keys.panPermutationKey()));
        for (String id : keys.dataKeyIds()) {
            values.put(KeyRing.DATA_PREFIX + id, mac(keys.dataKey(id).getEncoded()));
        }
        return values;
    }

    /**
     * Compares the keystore with the values recorded, records the keys used for the first
     * time, and refuses a keystore that does not match.
     * @throws KeyRefusedException naming the keys that differ or are missing
     */
    public static void verify(KeyRing keys, Path keystore, KeyCheckRegistry registry) {
        Map<String, String> actual = of(keys);
        refuseMismatch(actual, registry.recorded(), keystore);
        Map<String, String> recorded = registry.recorded();
        Map<String, String> fresh = new LinkedHashMap<>();
        actual.forEach((name, value) -> {
            if (!recorded.containsKey(name)) {
                fresh.put(name, value);
            }
        });
        if (!fresh.isEmpty()) {
            registry.record(fresh);
            refuseMismatch(actual, registry.recorded(), keystore);
        }
    }

    /**
     * Refuses to create a new keystore where the database already holds the check values
     * of keys: the configured path is wrong (or the keystore was lost), and new keys
     * could open nothing the database holds.
     */
    public static void refuseCreation(Path keystore, KeyCheckRegistry registry) {
        Map<String, String> recorded = registry.recorded();
        if (!recorded.isEmpty()) {
            throw new KeyRefusedException("keystore " + keystore + " does not exist, but the database holds data "
                    + "written with keys " + recorded.keySet() + "; no new keystore was created. Set "
                    + KeyRing.PATH_PROPERTY + " to the keystore those keys are in.");
        }
    }

    private static void refuseMismatch(Map<String, String> actual, Map<String, String> recorded, Path keystore) {
        List<String> different = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        recorded.forEach((name, value) -> {
            String mine = actual.get(name);
            if (mine == null) {
                missing.add(name);
            }
            else if (!mine.equals(value)) {
                different.add(name);
            }
        });
        if (!different.isEmpty() || !missing.isEmpty()) {
            throw new KeyRefusedException("keystore " + keystore + " does not match the keys the database was written "
                    + "with (" + (different.isEmpty() ? "" : "different: " + different)
                    + (different.isEmpty() || missing.isEmpty() ? "" : "; ")
                    + (missing.isEmpty() ? "" : "missing: " + missing)
                    + "); nothing was done. Configure the keystore those keys are in (" + KeyRing.PATH_PROPERTY + ").");
        }
    }

    private static String mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(FIXED), 8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("cannot compute a key check value", ex);
        }
        finally {
            Arrays.fill(key, (byte) 0);
        }
    }

}
