package com.wmsanalytics.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration the way the configuration does: 30s, 5m, 2h, 400d. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration d = ConfigValueFactory.fromAnyRef(value).atKey("d").getDuration("d");
            if (d.isNegative()) {
                throw new TypeConversionException("'" + value + "' is negative");
            }
            return d;
        } catch (ConfigException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 5m, 2h or 7d");
        }
    }
}
