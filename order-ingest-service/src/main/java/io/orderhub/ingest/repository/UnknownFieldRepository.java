package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.UnknownField;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UnknownFieldRepository implements PanacheRepositoryBase<UnknownField, UUID> {
    public Uni<List<UnknownField>> ofChannel(String channel) {
        return find("channel", Sort.by("occurrences").descending().and("path"), channel).list();
    }
}
