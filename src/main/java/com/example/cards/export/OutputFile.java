package com.example.cards.export;

import java.nio.file.Path;

/**
 * One file a run wrote: what it is, where, its SHA-256 and how many data records it
 * holds; for an encrypted file, the recipient key it is encrypted for.
 *
 * @param recipientKey the key the file is encrypted for (a JWK {@code kid}, an OpenPGP
 * fingerprint), or {@code null} for a plain file
 */
public record OutputFile(String kind, Path path, String sha256, long records, String recipientKey) {

    public OutputFile(String kind, Path path, String sha256, long records) {
        this(kind, path, sha256, records, null);
    }

}
