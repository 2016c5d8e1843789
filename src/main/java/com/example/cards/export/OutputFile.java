package com.example.cards.export;

import java.nio.file.Path;

/**
 * One file a run wrote: what it is, where, its SHA-256 and how many data records it
 * holds.
 */
public record OutputFile(String kind, Path path, String sha256, long records) {
}
