/* Before and after the clean-up: two snapshots compared host by host, with
 * a plain answer per host, the connection table's use and each host's
 * share, and the traffic on worm ports. The JSON shape (kept stable, the
 * report reads it; documented in docs/response.md):
 *
 * {"command":"verify","schema":1,
 *  "hosts":[{"addr":"..","before":{"verdict":"..","score":N,"first_contacts":N|null},
 *            "after":{...}|null,"status":"clean"|"still-spreading"|"not-seen"|
 *            "still-flagged"|"new-spreading","answer":"clean, reconnect",
 *            "changed":["..evidence.."]}],
 *  "table":{"before":{"entries":N,"max":N|null}|null,"after":{...}|null,
 *           "per_host":[{"addr":"..","before":N,"after":N}]},
 *  "worm_port_packets":{"before":N|null,"after":N|null}} */
#ifndef WW_RESPONSE_VERIFY_H
#define WW_RESPONSE_VERIFY_H

#include "report/writer.h"
#include "response/snapshot.h"

enum ww_verify_status {
	WW_VERIFY_CLEAN = 0,     /* seen after, normal: reconnect */
	WW_VERIFY_NOT_SEEN,      /* flagged before, absent after */
	WW_VERIFY_STILL_FLAGGED, /* scanner or suspicious after */
	WW_VERIFY_STILL_SPREADING, /* infected before and after */
	WW_VERIFY_NEW_SPREADING  /* infected after, not flagged before */
};

const char *ww_verify_status_name(enum ww_verify_status s);
const char *ww_verify_answer(enum ww_verify_status s);

/* Is a verdict one that verify follows (infected, scanner, suspicious)? */
bool ww_verify_flagged(const struct ww_resp_host *h);
enum ww_verify_status ww_verify_judge(const struct ww_resp_host *before,
                                      const struct ww_resp_host *after,
                                      const struct ww_resp_snap *after_snap);
/* 0 every host flagged before is clean after (and nobody spreads), 3 any
 * host spreads after, 1 otherwise. */
int ww_verify_exit(const struct ww_resp_snap *before, const struct ww_resp_snap *after);

ww_rc ww_verify_write_json(struct ww_out *o, const struct ww_resp_snap *before,
                           const struct ww_resp_snap *after);
ww_rc ww_verify_write_text(struct ww_out *o, const struct ww_resp_snap *before,
                           const struct ww_resp_snap *after);

#endif
