package dev.tend.daemon.core.jobs;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;

/**
 * The cron dialects tend accepts, in one place so the project-file validator and the scheduler can never
 * disagree: cron-utils' UNIX definition, optionally with a seconds field in front (as Spring and Quartz write it).
 */
public final class CronDefinitions {
    private static final CronDefinition FIVE_FIELDS = build(false);
    private static final CronDefinition SIX_FIELDS = build(true);

    private CronDefinitions() {
    }

    public static CronDefinition unix(boolean withSeconds) {
        return withSeconds ? SIX_FIELDS : FIVE_FIELDS;
    }

    private static CronDefinition build(boolean withSeconds) {
        CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
        if (withSeconds) {
            builder = builder.withSeconds().withValidRange(0, 59).withStrictRange().and();
        }
        return builder
                .withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0)
                .withStrictRange().and()
                .instance();
    }
}
