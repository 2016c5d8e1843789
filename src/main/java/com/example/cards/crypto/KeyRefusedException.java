package com.example.cards.crypto;

/**
 * The configured keys must not be used: the development password in a production profile,
 * or a keystore that does not match the keys the database's data was written with. The
 * message is one line for the operator; the application does not start (exit 2).
 */
public final class KeyRefusedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public KeyRefusedException(String message) {
        super(message);
    }

}
