package io.seatwarden.report;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.SeatSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Trend and headroom, each case computed by hand. */
class SeatTrendTest {
    private static final Instant DAY0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");

    /** A sample {@code day} days after day 0 with {@code enabled} seats, {@code inUse} of them used, reserve 2. */
    private static SeatSample at(double day, int enabled, int inUse) {
        return new SeatSample(TenantId.DEFAULT, DAY0.plus(Duration.ofSeconds(Math.round(day * 86_400))), Optional.empty(), E3,
                "ENTERPRISEPACK", enabled, inUse, enabled - inUse, 2, 0);
    }

    @Test
    void aStraightRiseGivesItsSlopeAndTheDaysItLeaves() {
        // 10, 12, 14, 16 over days 0..3: 2 seats a day; 40 enabled - 16 used - 2 reserved = 22 left: floor(22 / 2) = 11.
        Headroom headroom = SeatTrend.headroom(List.of(at(0, 40, 10), at(1, 40, 12), at(2, 40, 14), at(3, 40, 16)));

        assertThat(headroom.status()).isEqualTo(Headroom.Status.GROWING);
        assertThat(headroom.slopePerDay().getAsDouble()).isCloseTo(2.0, within(1e-9));
        assertThat(headroom.seatsLeft()).isEqualTo(22);
        assertThat(headroom.days()).isEqualTo(OptionalLong.of(11));
        assertThat(headroom.describe()).isEqualTo("11 days (+2.00 seats/day)");
    }

    @Test
    void scatteredPointsGiveTheLeastSquaresSlope() {
        // x = 0, 1, 2; y = 10, 11, 15: means 1 and 12; sum dx*dy = (-1)(-2) + 0 + (1)(3) = 5; sum dx^2 = 2: slope 2.5.
        // 20 enabled - 15 - 2 reserved = 3 left: floor(3 / 2.5) = 1 day.
        Headroom headroom = SeatTrend.headroom(List.of(at(0, 20, 10), at(1, 20, 11), at(2, 20, 15)));

        assertThat(headroom.slopePerDay().getAsDouble()).isCloseTo(2.5, within(1e-9));
        assertThat(headroom.days()).isEqualTo(OptionalLong.of(1));
        assertThat(headroom.describe()).isEqualTo("1 day (+2.50 seats/day)");
    }

    @Test
    void unevenTimesWeighByTime() {
        // x = 0, 0.5, 4 (days); y = 10, 10, 19: means 1.5 and 13; dx = -1.5, -1, 2.5; dy = -3, -3, 6;
        // sum dx*dy = 4.5 + 3 + 15 = 22.5; sum dx^2 = 2.25 + 1 + 6.25 = 9.5: slope 22.5 / 9.5 = 2.368...
        // 50 - 19 - 2 = 29 left: 29 / 2.3684 = 12.24, so 12 days.
        Headroom headroom = SeatTrend.headroom(List.of(at(0, 50, 10), at(0.5, 50, 10), at(4, 50, 19)));

        assertThat(headroom.slopePerDay().getAsDouble()).isCloseTo(22.5 / 9.5, within(1e-9));
        assertThat(headroom.days()).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void flatOrFallingUseIsNoGrowth() {
        Headroom flat = SeatTrend.headroom(List.of(at(0, 30, 12), at(1, 30, 12), at(2, 30, 12)));
        Headroom falling = SeatTrend.headroom(List.of(at(0, 30, 14), at(1, 30, 13), at(2, 30, 12)));

        assertThat(flat.status()).isEqualTo(Headroom.Status.NO_GROWTH);
        assertThat(flat.days()).isEmpty();
        assertThat(flat.describe()).isEqualTo("no growth (0.00 seats/day)");
        assertThat(falling.status()).isEqualTo(Headroom.Status.NO_GROWTH);
        assertThat(falling.slopePerDay().getAsDouble()).isCloseTo(-1.0, within(1e-9));
        assertThat(falling.seatsLeft()).isEqualTo(16);
    }

    @Test
    void onlyTheLastFourteenDaysCount() {
        // Day -20 at 100 in use would make the slope steeply negative; it is outside the window (day 3 - 14 = day -11).
        // In the window: days 0..3 at 10, 11, 12, 13: 1 a day; 40 - 13 - 2 = 25 days. A sample exactly 14 days back counts.
        List<SeatSample> samples = new ArrayList<>(List.of(at(-20, 200, 100), at(0, 40, 10), at(1, 40, 11), at(2, 40, 12), at(3, 40, 13)));
        Headroom headroom = SeatTrend.headroom(samples);

        assertThat(headroom.trendSamples()).isEqualTo(4);
        assertThat(headroom.days()).isEqualTo(OptionalLong.of(25));

        samples.add(0, at(-11, 40, 0)); // exactly 14 days before day 3: in, and it steepens the rise
        assertThat(SeatTrend.headroom(samples).trendSamples()).isEqualTo(5);
    }

    @Test
    void noSeatsLeftIsNoneLeftWhateverTheTrend() {
        // 20 enabled, 18 used, reserve 2: 0 left, even though use is falling.
        Headroom headroom = SeatTrend.headroom(List.of(at(0, 20, 19), at(1, 20, 18)));

        assertThat(headroom.status()).isEqualTo(Headroom.Status.NONE_LEFT);
        assertThat(headroom.seatsLeft()).isZero();
        assertThat(headroom.days()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void oneTimeIsNotATrend() {
        Headroom one = SeatTrend.headroom(List.of(at(0, 20, 5)));
        Headroom sameInstant = SeatTrend.headroom(List.of(at(0, 20, 5), at(0, 20, 6)));

        assertThat(one.status()).isEqualTo(Headroom.Status.NOT_ENOUGH_HISTORY);
        assertThat(one.slopePerDay()).isEmpty();
        assertThat(sameInstant.status()).isEqualTo(Headroom.Status.NOT_ENOUGH_HISTORY);
        assertThat(sameInstant.seatsLeft()).isEqualTo(12);
    }
}
