package com.example.cards.cli;

import java.nio.charset.Charset;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's encoder (logback-spring.xml): the usual pattern, or, when
 * {@code logging.structured.format.console} names a structured format (ecs, logstash,
 * gelf), Boot's JSON lines, where every MDC entry (the correlation id of a request among
 * them) is a field of its own.
 */
public class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private String format;

    private String pattern;

    private Charset charset;

    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (format != null && !format.isBlank()) {
            StructuredLogEncoder structured = new StructuredLogEncoder();
            structured.setContext(getContext());
            structured.setFormat(format);
            structured.setCharset(charset);
            delegate = structured;
        }
        else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(getContext());
            text.setPattern(pattern);
            text.setCharset(charset);
            delegate = text;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

}
