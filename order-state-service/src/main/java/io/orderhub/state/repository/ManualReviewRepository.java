package io.orderhub.state.repository;

import io.orderhub.state.domain.ManualReview;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ManualReviewRepository implements PanacheRepositoryBase<ManualReview, UUID> {
    /** Newest first; any filter may be null. */
    public PanacheQuery<ManualReview> search(ManualReview.Status status, ManualReview.Tag tag, String globalOrderId) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (status != null) {
            where.add("status = :status");
            params = params.and("status", status);
        }
        if (tag != null) {
            where.add("tag = :tag");
            params = params.and("tag", tag);
        }
        if (globalOrderId != null) {
            where.add("globalOrderId = :order");
            params = params.and("order", globalOrderId);
        }
        Sort sort = Sort.by("createdAt").descending().and("id");
        return where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, params);
    }
}
