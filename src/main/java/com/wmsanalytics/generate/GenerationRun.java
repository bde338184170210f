package com.wmsanalytics.generate;

import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;

/** One run inside one transaction: check, read the state back, simulate, load. */
final class GenerationRun {

    /** Two runs against one database at once would hand out the same ids. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('wms-analytics generate'))";

    private final Connection connection;
    private final Clock clock;
    private final String publisher;
    private final GenerateProgress progress;

    GenerationRun(Connection connection, Clock clock, String publisher, GenerateProgress progress) {
        this.connection = connection;
        this.clock = clock;
        this.publisher = publisher;
        this.progress = progress;
    }

    RunResult run(GenerateRequest request) {
        new SchemaCheck(publisher).require(connection);
        Sql.execute(connection, LOCK);
        WmsState state = new StateReader(connection).read();
        RunWindow window = RunWindow.of(state.lastOrderDay(), clock, request.days());
        SplittableRandom random = window.random(request.seed());
        try (CopySink sink = new CopySink(new Copier(connection))) {
            Catalog catalog = new MasterData(sink, state.sequences(), random.split(), progress)
                    .ensure(state, window.firstDay(), request.orders(), request.days());
            Simulation simulation = Simulation.create(catalog, state, window, request, sink, progress, random.split());
            simulation.run();
            sink.finish();
            return new RunResult(
                    window, rowsWritten(sink, simulation), sink.copiedRows().get("order_lines"));
        }
    }

    private Map<String, Long> rowsWritten(CopySink sink, Simulation simulation) {
        Map<String, Long> rows = sink.copiedRows();
        long[] updated = simulation.changes().apply(connection);
        rows.merge(WmsTable.ORDERS.tableName(), updated[0], Long::sum);
        rows.merge(WmsTable.SHIPMENTS.tableName(), updated[1], Long::sum);
        long inventory =
                new InventoryWriter(connection).write(simulation.stock().changedCells());
        progress.update(WmsTable.INVENTORY.tableName(), inventory, inventory);
        rows.put(WmsTable.INVENTORY.tableName(), inventory);
        return rows;
    }
}
