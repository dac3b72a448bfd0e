package io.orderhub.ingest.repository;

import io.orderhub.ingest.domain.ChannelMappingDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ChannelMappingRepository implements PanacheRepositoryBase<ChannelMappingDocument, String> {
}
