/* Indicator lists (data/indicators/NAME.tsv and --indicators DIR). */
#ifndef WW_HOST_INDICATORS_H
#define WW_HOST_INDICATORS_H

#include "host/host_inventory.h"

/* Load every .tsv file of dir (sorted) into c->ind. */
ww_rc ww_host_indicators_load(struct ww_host_ctx *c, const char *dir);
/* Exact match (case-insensitive) of kind/value, or NULL. */
const struct ww_indicator *ww_host_indicator(const struct ww_host_ctx *c, const char *kind,
                                             const char *value);
/* A domain that is value or a subdomain of it; a value written "=name"
 * matches that name only. */
const struct ww_indicator *ww_host_indicator_domain(const struct ww_host_ctx *c,
                                                    const char *kind, const char *name);

/* An indicator's note in the reader's language (the shipped ones are in
 * the catalogue; others come out as written). */
const char *ww_host_note(const char *note);

#endif
