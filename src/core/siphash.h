/* SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF",
 * INDOCRYPT 2012), keyed per process so that attacker-chosen keys (addresses,
 * ports) cannot be aimed at one bucket of a state table. */
#ifndef WW_CORE_SIPHASH_H
#define WW_CORE_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct ww_sipkey {
	uint64_t k0, k1;
};

/* SipHash-1-3: one compression and three finalisation rounds, the variant
 * Rust's HashMap uses against hash flooding; every table here uses it. */
uint64_t ww_siphash(const struct ww_sipkey *key, const void *data, size_t len);
/* SipHash-2-4, the paper's reference parameters (same code, more rounds):
 * checked against the paper's test vector, which also checks the core. */
uint64_t ww_siphash24(const struct ww_sipkey *key, const void *data, size_t len);
/* Fill a key from getrandom(); deterministic key when `seed` is non-zero
 * (tests that must reproduce a layout). */
void ww_sipkey_init(struct ww_sipkey *key, uint64_t seed);

#endif
