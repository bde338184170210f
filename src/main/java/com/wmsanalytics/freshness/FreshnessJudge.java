package com.wmsanalytics.freshness;

import com.wmsanalytics.config.FreshnessObjective;
import com.wmsanalytics.config.FreshnessObjectives;
import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.text.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Judges each report's data as of against its objective, at the moment of one clock reading. */
public final class FreshnessJudge {

    private final FreshnessObjectives objectives;

    public FreshnessJudge(FreshnessObjectives objectives) {
        this.objectives = objectives;
    }

    public List<ReportFreshness> judge(List<Freshness> reports, Instant now) {
        return reports.stream().map(f -> judge(f, now)).toList();
    }

    public ReportFreshness judge(Freshness f, Instant now) {
        String view = f.viewSchema() + "." + f.viewName();
        Optional<FreshnessObjective> objective = objectives.of(view, f.group());
        Optional<Duration> age = f.dataAsOf().map(asOf -> Duration.between(asOf, now));
        FreshnessState state = state(age, objective);
        return new ReportFreshness(view, f.group(), f.dataAsOf(), age, objective, state, reason(state, age, objective));
    }

    static FreshnessState state(Optional<Duration> age, Optional<FreshnessObjective> objective) {
        if (age.isEmpty() || objective.isEmpty()) {
            return FreshnessState.UNKNOWN;
        }
        if (age.get().compareTo(objective.get().errorAfter()) >= 0) {
            return FreshnessState.ERROR;
        }
        return age.get().compareTo(objective.get().warnAfter()) >= 0 ? FreshnessState.WARN : FreshnessState.FRESH;
    }

    private static String reason(FreshnessState state, Optional<Duration> age, Optional<FreshnessObjective> objective) {
        if (objective.isEmpty()) {
            return "no freshness objective";
        }
        if (age.isEmpty()) {
            return "no refresh through a satisfied catch-up gate yet";
        }
        FreshnessObjective o = objective.get();
        String ago = "data as of " + Durations.coarse(age.get()) + " ago";
        return state == FreshnessState.ERROR
                ? ago + ", error after " + Durations.coarse(o.errorAfter())
                : ago + ", warn after " + Durations.coarse(o.warnAfter());
    }
}
