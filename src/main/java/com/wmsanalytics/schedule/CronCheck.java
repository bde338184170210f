package com.wmsanalytics.schedule;

import com.wmsanalytics.config.ConfigFiles;
import com.wmsanalytics.config.ConfigReader;
import java.text.ParseException;
import org.quartz.CronExpression;

/** Checks a cron expression with Quartz's own parser and reports Quartz's reason. */
final class CronCheck {

    private CronCheck() {}

    static String read(ConfigReader r, String key) {
        String cron = r.string(key);
        if (!CronExpression.isValidExpression(cron)) {
            throw r.error(key, "'" + cron + "' is not a Quartz cron expression (" + reason(cron) + ")" + hint(cron));
        }
        return cron;
    }

    private static String reason(String cron) {
        try {
            new CronExpression(cron);
            return "rejected";
        } catch (ParseException e) {
            return ConfigFiles.oneLine(String.valueOf(e.getMessage()));
        }
    }

    /** A crontab line has five fields; Quartz starts with seconds. */
    private static String hint(String cron) {
        return cron.strip().split("\\s+").length == 5
                ? "; Quartz cron starts with seconds and has 6 or 7 fields, such as '0 0 2 * * ?'"
                : "";
    }
}
