package com.wmsanalytics.cli;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.service.WmsAnalytics;
import java.time.Clock;
import java.util.Map;

/** What the commands need from outside: the environment, the clock and the terminal. */
public record CliContext(Map<String, String> environment, Clock clock, Terminal terminal) {

    AppConfig loadConfig(CommonOptions options) {
        return new ConfigLoader(environment).load(options.configFile());
    }

    WmsAnalytics open(CommonOptions options) {
        return new WmsAnalytics(loadConfig(options), clock);
    }
}
