# host --offline: a Windows disk read from Linux. The hives are read with
# libhivex (Debian libhivex-dev).
pkg_check_modules(HIVEX REQUIRED IMPORTED_TARGET hivex)
file(GLOB WW_OFFLINE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/offline/*.c)
target_sources(wwcore PRIVATE ${WW_OFFLINE_SOURCES})
target_link_libraries(wwcore PUBLIC PkgConfig::HIVEX)
