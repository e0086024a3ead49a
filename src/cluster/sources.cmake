# src/cluster/: the cluster over NATS JetStream (`wormwatch sensor`, `judge`,
# `results`; docs/cluster.md). The bus is reached through the NATS C client
# (Debian's libnats-dev); the verdict messages are JSON, read back with json-c.
pkg_check_modules(NATS REQUIRED IMPORTED_TARGET libnats)
pkg_check_modules(JSONC REQUIRED IMPORTED_TARGET json-c)
file(GLOB WW_CLUSTER_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.c)
target_sources(wwcore PRIVATE ${WW_CLUSTER_SOURCES})
target_link_libraries(wwcore PUBLIC PkgConfig::NATS PkgConfig::JSONC)
