package dev.tend.daemon.store;

import java.util.List;

/**
 * One step of the schema's history. Step i of {@link Schema#MIGRATIONS} takes the database from
 * version i to version i + 1; released steps are never edited, only new ones appended.
 */
record Migration(String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }
}
