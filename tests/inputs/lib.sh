# Sourced by the tests of this folder: ok/bad lines (bad sets fail), and
# need_compressors (skip, 77, without gzip, bzip2, xz and zstd).
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
need_compressors() {
	for z in gzip bzip2 xz zstd; do
		command -v $z >/dev/null || { echo "skip: $z not installed"; exit 77; }
	done
}
