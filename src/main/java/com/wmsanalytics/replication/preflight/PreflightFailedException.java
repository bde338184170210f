package com.wmsanalytics.replication.preflight;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import java.util.List;

/** The preflight found servers unfit for logical replication; nothing was changed. */
public class PreflightFailedException extends WmsAnalyticsException {

    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;

    public PreflightFailedException(List<Finding> findings) {
        super(ExitCode.SERVER_NOT_FIT, summary(findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    /** One line per finding. */
    @Override
    public List<String> lines() {
        return findings.stream().map(Finding::line).toList();
    }

    private static String summary(List<Finding> findings) {
        return String.join("\n", findings.stream().map(Finding::line).toList());
    }
}
