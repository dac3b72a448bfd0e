package io.orderhub.state.repository;

import io.orderhub.contract.Hold;
import io.orderhub.contract.OrderState;
import io.orderhub.state.domain.Order;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, String> {

    /** The order, its row locked until the transaction ends: every change goes through here. */
    public Uni<Order> lock(String globalOrderId) {
        return findById(globalOrderId, LockModeType.PESSIMISTIC_WRITE);
    }

    public record Found(List<Order> orders, long total) {
    }

    /**
     * Orders filtered by any of state, channel, hold and placement time ({@code from} inclusive, {@code to} exclusive:
     * the channel's order time, or when the hub first heard of the order if the channel gave none); newest first.
     */
    public Uni<Found> search(OrderState state, String channel, Hold hold, Instant from, Instant to, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        if (channel != null) {
            where.add("channel = :channel");
            params.and("channel", channel);
        }
        if (hold != null) {
            where.add("concat(',', holds, ',') like :hold");
            params.and("hold", "%," + hold.name() + ",%");
        }
        if (from != null) {
            where.add("coalesce(channelCreatedAt, createdAt) >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("coalesce(channelCreatedAt, createdAt) < :to");
            params.and("to", to);
        }
        Sort sort = Sort.by("createdAt", Sort.Direction.Descending).and("globalOrderId");
        PanacheQuery<Order> query = where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
        return query.page(Page.of(page, size)).list()
                .chain(list -> query.count().map(total -> new Found(list, total)));
    }

    /** The provinces of the orders this phone placed since {@code since} (one entry per order). */
    public Uni<List<String>> provincesOfPhone(String phone, Instant since, String excludingOrder) {
        return getSession().chain(s -> s.createSelectionQuery(
                        "select coalesce(o.province, '') from Order o where o.buyerPhone = :phone and o.createdAt >= :since "
                                + "and o.globalOrderId <> :id", String.class)
                .setParameter("phone", phone)
                .setParameter("since", since)
                .setParameter("id", excludingOrder)
                .getResultList());
    }
}
