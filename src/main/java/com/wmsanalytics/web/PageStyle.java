package com.wmsanalytics.web;

/** The page's style sheet, inline: the page loads nothing else. */
final class PageStyle {

    static final String CSS = String.join(
            "",
            ":root{color-scheme:light;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2733;",
            "background:#f5f6f8}",
            "body{margin:0;padding:1rem;max-width:80rem;margin-inline:auto}",
            "h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}",
            "h3{font-size:1rem;margin:0;word-break:break-word}",
            ".muted{color:#5b6675;margin:.25rem 0}",
            ".summary{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}",
            ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:.75rem}",
            ".report{background:#fff;border:1px solid #d6dae0;border-left:.45rem solid #8a939e;border-radius:.4rem;",
            "padding:.75rem}",
            ".report header{display:flex;justify-content:space-between;gap:.5rem;align-items:flex-start}",
            ".report.state-fresh{border-left-color:#1f8a4c}.report.state-warn{border-left-color:#c77700}",
            ".report.state-error{border-left-color:#c62828}.report.state-unknown{border-left-color:#8a939e}",
            ".badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-weight:600;font-size:.85rem;",
            "white-space:nowrap;color:#fff;background:#6b7580}",
            ".badge.state-fresh{background:#1f7a45}.badge.state-warn{background:#9a5b00}",
            ".badge.state-error{background:#b3261e}.badge.state-unknown{background:#5f6873}",
            ".description{font-size:.9rem;color:#3b4654;margin:.5rem 0}",
            "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:.5rem 0;font-size:.9rem}",
            "dt{color:#5b6675}dd{margin:0;word-break:break-word}",
            ".error{color:#b3261e}.reason{font-size:.8rem;color:#5b6675;margin:.25rem 0 0}",
            ".sparkline{color:#2d5b9a;vertical-align:middle}",
            ".scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;min-width:100%;font-size:.9rem}",
            "th,td{border:1px solid #d6dae0;padding:.3rem .5rem;text-align:left}th{background:#eef0f3}",
            ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}");

    private PageStyle() {}
}
