package com.wmsanalytics.cli;

import com.wmsanalytics.UsageException;
import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.generate.GenerateSummary;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Loads realistic WMS activity into a primary.",
            "",
            "Writes deterministic data for a seed: warehouses, bins, products, customers, orders with skewed"
                    + " product popularity and weekday seasonality, cancellations, late shipments, and the receipts,"
                    + " picks, returns, adjustments and transfers that keep inventory consistent. Running it again"
                    + " appends more days."
        })
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(names = "--publisher", required = true, paramLabel = "NAME", description = "The publisher to load.")
    String publisher;

    @Option(
            names = "--orders",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Orders to create (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(
            names = "--days",
            defaultValue = "90",
            paramLabel = "D",
            description = "Days they span (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (orders < 1 || days < 1) {
            throw new UsageException("--orders and --days must be at least 1, got " + orders + " and " + days);
        }
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            GenerateSummary summary = new DataGenerator(app.publisherDataSource(publisher), app.clock(), publisher)
                    .generate(new GenerateRequest(orders, days, seed), progress(terminal));
            print(summary, terminal);
            return 0;
        }
    }

    static GenerateProgress progress(Terminal terminal) {
        return (phase, done, total) -> terminal.progress("generating " + phase + ": " + done + "/" + total);
    }

    static void print(GenerateSummary s, Terminal terminal) {
        TextTable table = new TextTable("table", "rows written");
        for (Map.Entry<String, Long> e : s.rowsWritten().entrySet()) {
            table.row(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()));
        }
        table.lines().forEach(terminal::println);
        terminal.println(String.format(
                Locale.ROOT,
                "generated %s to %s: %,d order lines in %s (%,.0f order lines/s)",
                s.firstDay(),
                s.lastDay(),
                s.orderLines(),
                Durations.human(s.elapsed()),
                s.orderLinesPerSecond()));
    }
}
