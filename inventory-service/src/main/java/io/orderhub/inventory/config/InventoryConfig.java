package io.orderhub.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

@ConfigMapping(prefix = "orderhub.inventory")
public interface InventoryConfig {
    /**
     * Warehouses in the order they are tried when the order names none (or its own cannot fill the line);
     * warehouses not listed come after, by name. A line is never split across warehouses.
     */
    @WithDefault("none")
    List<String> warehousePriority();
}
