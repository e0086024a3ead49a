# src/flows/: flow records in (NetFlow v5, v9, IPFIX, nfcapd through nfdump,
# Argus CSV). IPFIX and NetFlow v9 templates are libfixbuf's (Debian's
# libfixbuf-dev); v5 is a fixed format read with core/cursor.h.
pkg_check_modules(FIXBUF REQUIRED IMPORTED_TARGET libfixbuf)
file(GLOB WW_FLOWS_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.c)
target_sources(wwcore PRIVATE ${WW_FLOWS_SOURCES})
target_link_libraries(wwcore PUBLIC PkgConfig::FIXBUF)
