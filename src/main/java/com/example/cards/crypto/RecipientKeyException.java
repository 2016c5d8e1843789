package com.example.cards.crypto;

/**
 * A recipient's public key that must not be used: the service provider's key set for the
 * card data, or the courier's OpenPGP key for the manifest. The message is one line for
 * the operator and names the file and the reason, never key material; the command line
 * maps this exception to exit 2 (invalid input), raised before anything is staged or
 * issued.
 */
public class RecipientKeyException extends RuntimeException {

    public RecipientKeyException(String message) {
        super(message);
    }

    public RecipientKeyException(String message, Throwable cause) {
        super(message, cause);
    }

}
