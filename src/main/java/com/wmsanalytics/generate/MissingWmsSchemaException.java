package com.wmsanalytics.generate;

import com.wmsanalytics.ExitCode;
import java.util.List;

/** The target database lacks the {@code wms} schema or some of its tables: a usage error. */
public final class MissingWmsSchemaException extends DataGenerationException {

    private static final long serialVersionUID = 1L;

    private MissingWmsSchemaException(String message) {
        super(ExitCode.USAGE, message);
    }

    static MissingWmsSchemaException noSchema(String publisher) {
        return new MissingWmsSchemaException(subject(publisher) + " has no wms schema; " + remedy(publisher));
    }

    static MissingWmsSchemaException missingTables(String publisher, List<String> tables) {
        return new MissingWmsSchemaException(subject(publisher) + " has a wms schema without the tables "
                + String.join(", ", tables) + "; " + remedy(publisher));
    }

    private static String subject(String publisher) {
        return publisher == null ? "publisher" : "publisher " + publisher;
    }

    private static String remedy(String publisher) {
        return "run 'migrate --primary " + (publisher == null ? "NAME" : publisher) + "' first";
    }
}
