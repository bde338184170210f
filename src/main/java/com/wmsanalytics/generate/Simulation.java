package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Runs the days of a run in memory: first the work an earlier run left unfinished, then
 * day by day the new orders and everything that happens in the warehouses.
 */
final class Simulation {

    /** What most parts of the simulation share. */
    private record Parts(
            Catalog catalog,
            Popularity popularity,
            Slotting slotting,
            Stock stock,
            MovementLog log,
            EventQueue queue,
            SplittableRandom random,
            long now) {}

    private final WmsState state;
    private final RunWindow window;
    private final Stock stock;
    private final StatusChanges changes = new StatusChanges();
    private final ProgressTicker ticker;
    private final CarryOver carryOver;
    private final DaySimulator days;
    private final int[] ordersPerDay;

    static Simulation create(
            Catalog catalog,
            WmsState state,
            RunWindow window,
            GenerateRequest request,
            CopySink sink,
            GenerateProgress progress,
            SplittableRandom random) {
        Popularity popularity = new Popularity(catalog.products());
        Stock stock = new Stock(state.inventory());
        MovementLog log = new MovementLog(sink.rows(WmsTable.STOCK_MOVEMENTS), state.sequences().movements, stock);
        Parts parts = new Parts(
                catalog,
                popularity,
                new Slotting(catalog, popularity),
                stock,
                log,
                new EventQueue(),
                random,
                window.endSecond());
        return new Simulation(parts, state, window, request, sink, progress);
    }

    private Simulation(
            Parts parts,
            WmsState state,
            RunWindow window,
            GenerateRequest request,
            CopySink sink,
            GenerateProgress progress) {
        this.state = state;
        this.window = window;
        this.stock = parts.stock();
        this.ticker = new ProgressTicker(progress, request.orders());
        Replenisher replenisher = replenisher(parts, request);
        OrderMaker maker = orderMaker(parts);
        OrderFlow flow = orderFlow(parts, replenisher, sink, state.sequences().shipments, changes);
        this.carryOver = new CarryOver(maker, flow, changes, parts.random(), window.startSecond(), parts.now());
        this.days = new DaySimulator(
                new OrderCalendar(),
                maker,
                flow,
                routines(parts, replenisher),
                parts.queue(),
                state.sequences().orders,
                sink,
                ticker,
                parts.random());
        this.ordersPerDay =
                new OrderCalendar().ordersPerDay(window.firstDay(), window.days(), request.orders(), parts.random());
    }

    void run() {
        carryOver.resume(state);
        LocalDate day = window.firstDay();
        for (int orders : ordersPerDay) {
            days.simulate(day, orders);
            day = day.plusDays(1);
        }
        ticker.finish();
    }

    Stock stock() {
        return stock;
    }

    StatusChanges changes() {
        return changes;
    }

    private static Replenisher replenisher(Parts parts, GenerateRequest request) {
        Catalog catalog = parts.catalog();
        DemandModel demand = new DemandModel(
                parts.popularity(),
                catalog.products().size(),
                (double) request.orders() / request.days(),
                catalog.warehouses().size());
        return new Replenisher(catalog, parts.slotting(), demand, parts.stock(), parts.log());
    }

    private static OrderMaker orderMaker(Parts parts) {
        Catalog catalog = parts.catalog();
        CustomerBase customers = new CustomerBase(catalog.customers(), catalog.warehouses());
        LinePicker lines = new LinePicker(catalog, parts.popularity());
        return new OrderMaker(catalog, customers, lines, new FatePlanner(parts.random()), parts.random());
    }

    private static OrderFlow orderFlow(
            Parts parts, Replenisher replenisher, CopySink sink, IdCounter shipmentIds, StatusChanges changes) {
        Catalog catalog = parts.catalog();
        Returns returns =
                new Returns(catalog, parts.slotting(), parts.log(), parts.queue(), parts.random(), parts.now());
        Shipping shipping = new Shipping(
                catalog, parts.slotting(), replenisher, parts.log(), sink, shipmentIds, returns, parts.now());
        return new OrderFlow(
                new OrderRows(catalog, sink, parts.now()),
                changes,
                new Reservations(catalog, parts.slotting(), parts.stock()),
                shipping,
                parts.queue(),
                parts.now());
    }

    private static WarehouseRoutines routines(Parts parts, Replenisher replenisher) {
        CycleCounts counts = new CycleCounts(
                parts.catalog(), parts.popularity(), parts.slotting(), parts.stock(), parts.log(), parts.random());
        return new WarehouseRoutines(
                parts.catalog().warehouses().size(), replenisher, counts, parts.queue(), parts.random());
    }
}
