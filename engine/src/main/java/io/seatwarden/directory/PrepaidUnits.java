package io.seatwarden.directory;

/** Graph's {@code licenseUnitsDetail}: how many seats a subscription has, by state. */
public record PrepaidUnits(int enabled, int suspended, int warning, int lockedOut) {
    public PrepaidUnits {
        if (enabled < 0 || suspended < 0 || warning < 0 || lockedOut < 0) {
            throw new IllegalArgumentException("prepaid units are negative");
        }
    }

    public static PrepaidUnits enabled(int enabled) {
        return new PrepaidUnits(enabled, 0, 0, 0);
    }
}
