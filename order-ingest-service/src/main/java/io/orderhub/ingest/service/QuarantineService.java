package io.orderhub.ingest.service;

import io.orderhub.ingest.domain.RawStatus;
import io.orderhub.ingest.repository.RawPayloadRepository;
import io.orderhub.ingest.rest.QuarantinePage;
import io.orderhub.ingest.rest.QuarantinedPayload;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Payloads that failed to parse or map, newest first, and their replay after a fix. */
@ApplicationScoped
public class QuarantineService {
    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    RawPayloadRepository raws;
    @Inject
    IngestService ingest;

    @WithSession
    public Uni<QuarantinePage> list(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return raws.quarantined(page, size).chain(items -> raws.countQuarantined().map(total -> new QuarantinePage(
                items.stream().map(QuarantinedPayload::of).toList(), page, size, total)));
    }

    /** One stored payload (quarantined or not) with its raw body and headers. */
    @WithSession
    public Uni<io.orderhub.ingest.rest.StoredPayload> get(UUID id) {
        return raws.findById(id).map(raw -> {
            if (raw == null) {
                throw ProblemException.notFound("no raw payload " + id + "; GET /quarantine lists the quarantined ones");
            }
            return io.orderhub.ingest.rest.StoredPayload.of(raw);
        });
    }

    /** Maps the stored body again (after a mapping fix); only quarantined payloads can be replayed. */
    public Uni<IngestResult> replay(UUID id) {
        return ingest.process(id, true).map(result -> {
            if (!result.handledNow()) {
                throw ProblemException.conflict("raw payload " + id + " is " + result.status()
                        + ", not QUARANTINED: only quarantined payloads are replayed").with("status", result.status());
            }
            if (result.status() == RawStatus.QUARANTINED) {
                throw ProblemException.unprocessable("the payload still cannot be mapped: " + result.error()
                        + " — fix the mapping (PUT /mappings/{channel}) and replay again").with("rawPayloadId", id);
            }
            return result;
        });
    }
}
