package io.seatwarden.schedule;

import io.seatwarden.policy.CronSyntax;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.util.Optional;

/** Checks {@code schedule} with Quartz's own parser, the one {@code run} schedules with. */
public final class QuartzCronSyntax implements CronSyntax {
    @Override
    public Optional<String> problem(String expression) {
        try {
            new CronExpression(expression);
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(e.getMessage());
        }
    }
}
