# The decompressors behind inputs/source.c (gzip, bzip2, xz, zstd: told
# by content). bzip2 ships no pkg-config file: CMake's FindBZip2.
pkg_check_modules(ZLIB_PC REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(LZMA_PC REQUIRED IMPORTED_TARGET liblzma)
pkg_check_modules(ZSTD_PC REQUIRED IMPORTED_TARGET libzstd)
find_package(BZip2 REQUIRED)
target_link_libraries(wwcore PUBLIC PkgConfig::ZLIB_PC PkgConfig::LZMA_PC PkgConfig::ZSTD_PC
                      BZip2::BZip2)
