package io.orderhub.inventory.service;

import io.orderhub.inventory.domain.Availability;
import io.orderhub.inventory.domain.SkuSetting;
import io.orderhub.inventory.domain.StockItem;
import io.orderhub.inventory.repository.SkuSettingRepository;
import io.orderhub.inventory.repository.StockRepository;
import io.orderhub.inventory.rest.StockLevel;
import io.orderhub.inventory.rest.StockUpdate;
import io.orderhub.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class StockService {
    @Inject
    StockRepository stock;
    @Inject
    SkuSettingRepository settings;

    /** Sets on-hand (a WMS/ERP sync or an admin); reservations stay as they are. */
    @WithTransaction
    public Uni<StockLevel> setOnHand(String warehouse, String sku, StockUpdate update) {
        return stock.findById(new StockItem.Key(warehouse, sku), LockModeType.PESSIMISTIC_WRITE)
                .chain(existing -> {
                    StockItem item = existing;
                    if (item == null) {
                        item = new StockItem();
                        item.warehouse = warehouse;
                        item.sku = sku;
                    }
                    item.onHand = update.onHand();
                    item.updatedAt = Instant.now();
                    return existing == null ? stock.persist(item) : Uni.createFrom().item(item);
                })
                .chain(item -> settings.findById(sku).chain(setting -> {
                    if (update.depositFactor() == null && update.safetyThreshold() == null) {
                        return Uni.createFrom().voidItem();
                    }
                    SkuSetting s = setting;
                    if (s == null) {
                        s = new SkuSetting();
                        s.sku = sku;
                    }
                    if (update.depositFactor() != null) {
                        s.depositFactor = update.depositFactor();
                    }
                    if (update.safetyThreshold() != null) {
                        s.safetyThreshold = update.safetyThreshold();
                    }
                    return setting == null ? settings.persist(s).replaceWithVoid() : Uni.createFrom().voidItem();
                }))
                .chain(() -> stock.flush())
                .chain(() -> level(sku));
    }

    @WithSession
    public Uni<StockLevel> get(String sku) {
        return level(sku);
    }

    private Uni<StockLevel> level(String sku) {
        return stock.bySku(sku).chain(rows -> settings.findById(sku).map(setting -> {
            if (rows.isEmpty()) {
                throw ProblemException.notFound("no stock is recorded for SKU " + sku
                        + "; set it with PUT /stock/{warehouse}/" + sku);
            }
            BigDecimal factor = setting == null ? Availability.DEFAULT_DEPOSIT_FACTOR : setting.depositFactor;
            long threshold = setting == null ? 0 : setting.safetyThreshold;
            List<StockLevel.Figures> perWarehouse = new ArrayList<>();
            long onHand = 0;
            long fullyPaid = 0;
            long deposits = 0;
            for (StockItem s : rows) {
                perWarehouse.add(new StockLevel.Figures(s.warehouse, s.onHand, s.fullyPaidReserved, s.depositFrozen,
                        s.available(factor)));
                onHand += s.onHand;
                fullyPaid += s.fullyPaidReserved;
                deposits += s.depositFrozen;
            }
            StockLevel.Figures total = new StockLevel.Figures(null, onHand, fullyPaid, deposits,
                    Availability.available(onHand, fullyPaid, deposits, factor));
            return new StockLevel(sku, factor, threshold, total.onHand(), total.fullyPaidReserved(),
                    total.depositFrozen(), total.available(), perWarehouse);
        }));
    }
}
