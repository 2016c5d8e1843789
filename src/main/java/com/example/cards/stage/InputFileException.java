package com.example.cards.stage;

/**
 * A problem with a whole request file (missing, unreadable, wrong header, undecodable
 * header...) that must stop the job before anything is issued. The message is meant for a
 * person: it names the file, says what is wrong and what to do. It never contains the
 * content of a data record.
 */
public final class InputFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }

}
