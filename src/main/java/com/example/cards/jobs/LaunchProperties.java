package com.example.cards.jobs;

import java.time.Period;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What a launch accepts before anything is registered (prefix {@code issuance.launch});
 * docs/configuration.md lists each property with its default.
 *
 * @param runDateWindow how far a run date may lie before or after today (the machine's
 * date): a launch with a run date outside that window is refused with exit 2 before the
 * batch is registered
 */
@Validated
@ConfigurationProperties("issuance.launch")
public record LaunchProperties(@DefaultValue("1y") @NotNull Period runDateWindow) {

    public LaunchProperties {
        if (runDateWindow != null && runDateWindow.isNegative()) {
            throw new IllegalArgumentException(
                    "issuance.launch.run-date-window must not be negative: " + runDateWindow);
        }
    }

}
