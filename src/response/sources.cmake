# src/response/: the response steps (contain, verify): inputs read back
# (json-c), containment rules per platform, wormwatch's nftables table
# (libnftables).
pkg_check_modules(JSONC REQUIRED IMPORTED_TARGET json-c)
pkg_check_modules(NFTABLES REQUIRED IMPORTED_TARGET libnftables)
file(GLOB WW_RESPONSE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/response/*.c)
target_sources(wwcore PRIVATE ${WW_RESPONSE_SOURCES})
target_link_libraries(wwcore PUBLIC PkgConfig::JSONC PkgConfig::NFTABLES)
