package io.orderhub.ingest;

import io.orderhub.devstack.test.OrderHubTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the service's database directly, to check what was (not) written. */
final class IngestDb {

    static int count(String sql, String param) {
        String v = text(sql, param);
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** The first column of the first row, or null. {@code param} fills the one {@code ?} if not null. */
    static String text(String sql, String param) {
        var pg = OrderHubTestResource.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("orderhub_test"), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            if (param != null) {
                st.setString(1, param);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private IngestDb() {
    }
}
