package com.wmsanalytics.generate;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks in the catalog that the target has the {@code wms} schema and all of its tables. */
final class SchemaCheck {

    private final String publisher;

    SchemaCheck(String publisher) {
        this.publisher = publisher;
    }

    void require(Connection connection) {
        if (!schemaExists(connection)) {
            throw MissingWmsSchemaException.noSchema(publisher);
        }
        List<String> missing = missingTables(connection);
        if (!missing.isEmpty()) {
            throw MissingWmsSchemaException.missingTables(publisher, missing);
        }
    }

    private static boolean schemaExists(Connection connection) {
        return Sql.one(
                connection,
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'wms')",
                row -> row.getBoolean(1));
    }

    private static List<String> missingTables(Connection connection) {
        Set<String> present = new TreeSet<>(Sql.list(
                connection,
                "SELECT c.relname FROM pg_catalog.pg_class c"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'wms' AND c.relkind IN ('r', 'p')",
                row -> row.getString(1)));
        List<String> missing = new ArrayList<>();
        for (WmsTable table : WmsTable.values()) {
            if (!present.contains(table.tableName())) {
                missing.add(table.tableName());
            }
        }
        return missing;
    }
}
