package com.wmsanalytics.db;

import java.sql.SQLException;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.impl.AbstractBinding;

/**
 * Binds PostgreSQL's {@code pg_lsn} as its text form, such as {@code 0/16B3748}. jOOQ does
 * not know the type; the generated history classes use this binding for their LSN columns.
 */
public final class PgLsnBinding extends AbstractBinding<Object, String> {

    private static final long serialVersionUID = 1L;

    private static final Converter<Object, String> CONVERTER =
            Converter.ofNullable(Object.class, String.class, Object::toString, lsn -> lsn);

    @Override
    public Converter<Object, String> converter() {
        return CONVERTER;
    }

    @Override
    protected void sqlBind(BindingSQLContext<String> ctx) throws SQLException {
        super.sqlBind(ctx);
        ctx.render().sql("::pg_lsn");
    }

    @Override
    public void set(BindingSetStatementContext<String> ctx) throws SQLException {
        ctx.statement().setString(ctx.index(), ctx.value());
    }

    @Override
    public void get(BindingGetResultSetContext<String> ctx) throws SQLException {
        ctx.value(ctx.resultSet().getString(ctx.index()));
    }
}
