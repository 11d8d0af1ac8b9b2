package dev.tend.daemon.core;

import java.util.List;

/**
 * What the user says about a service for people and filters, never acted on: a change of it restarts nothing.
 *
 * @param description one line of text, or null (`description:`)
 * @param namespaces  names grouping services across the project for `tend ps --namespace` (`namespace:`, one name or a
 *                    list, as process-compose has it); empty for none
 */
public record ServiceLabels(String description, List<String> namespaces) {
    public static final ServiceLabels NONE = new ServiceLabels(null, List.of());

    public ServiceLabels {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    }
}
