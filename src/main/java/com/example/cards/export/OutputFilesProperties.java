package com.example.cards.export;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How output files are created (prefix {@code issuance.output-files});
 * docs/configuration.md lists each property with its default.
 *
 * @param groupReadable create results, rejections, manifests and summaries readable by
 * the owner's group (0640) rather than by the owner only (0600), for a receiving process
 * that runs as another user of that group
 */
@ConfigurationProperties("issuance.output-files")
public record OutputFilesProperties(@DefaultValue("false") boolean groupReadable) {
}
