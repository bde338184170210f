package com.wmsanalytics.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** Simulates one day: takes in the day's orders, then runs everything that happens that day. */
final class DaySimulator {

    private final OrderCalendar calendar;
    private final OrderMaker maker;
    private final OrderFlow flow;
    private final WarehouseRoutines routines;
    private final EventQueue queue;
    private final IdCounter orderIds;
    private final CopySink sink;
    private final ProgressTicker ticker;
    private final SplittableRandom random;

    DaySimulator(
            OrderCalendar calendar,
            OrderMaker maker,
            OrderFlow flow,
            WarehouseRoutines routines,
            EventQueue queue,
            IdCounter orderIds,
            CopySink sink,
            ProgressTicker ticker,
            SplittableRandom random) {
        this.calendar = calendar;
        this.maker = maker;
        this.flow = flow;
        this.routines = routines;
        this.queue = queue;
        this.orderIds = orderIds;
        this.sink = sink;
        this.ticker = ticker;
        this.random = random;
    }

    void simulate(LocalDate day, int orders) {
        for (long createdAt : calendar.creationTimes(day, orders, random)) {
            flow.admitNew(maker.make(orderIds.next(), createdAt));
            ticker.tick();
            sink.flushWhenLarge();
        }
        routines.schedule(day);
        queue.runBefore((day.toEpochDay() + 1) * 86_400L);
        sink.flushWhenLarge();
    }
}
