package com.example.cards.bench;

/**
 * What the minimal job writes for one request: a row of {@code minimal_card} and a line
 * of its result file.
 *
 * @param sealedNumber Base64 of the IV, then the AES-GCM ciphertext and tag of the card
 * number
 */
record MinimalCard(long lineNo, String requestId, String sealedNumber, String maskedNumber) {
}
