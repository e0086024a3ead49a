/* Router and firewall log lines. Each dialect is one parser file with its
 * example line above the parser; log_detect.c holds the table of dialects
 * and picks one per line. A parsed line becomes a struct ww_rlog_rec: a
 * connection attempt (the engine's struct ww_attempt) plus what the device
 * did with it. */
#ifndef WW_ROUTER_RLOG_H
#define WW_ROUTER_RLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/textcur.h"
#include "state/engine.h"

enum ww_rlog_action {
	WW_RLOG_UNKNOWN = 0,
	WW_RLOG_DROP,   /* dropped, rejected, denied, blocked */
	WW_RLOG_ACCEPT  /* let through (logged accept rules) */
};

struct ww_rlog_rec {
	struct ww_attempt a;         /* outcome: BLOCKED for drops, SUCCESS for accepts */
	enum ww_rlog_action action;
	bool inbound;                /* the device says it came from outside (WAN) */
};

/* Parsing context: what a line cannot say by itself. */
struct ww_rlog_ctx {
	int year; /* for RFC 3164 stamps, which carry none */
};

/* The contract of a dialect:
 * probe: cheap; true when the line is plausibly this format (no allocation).
 * parse: WW_OK with *rec filled for a connection attempt; WW_ERR_NOTFOUND
 *   for a line of this format that carries no attempt (an accept summary, a
 *   message of another kind); WW_ERR_FORMAT for a line it cannot read, and
 *   for every line of another format (it is called without its probe).
 *   Never reads outside [line, line + len). */
typedef bool (*ww_rlog_probe_fn)(const char *line, size_t len);
typedef ww_rc (*ww_rlog_parse_fn)(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                                  struct ww_rlog_rec *rec);

struct ww_rlog_dialect {
	const char *name;
	const char *help;
	ww_rlog_probe_fn probe;
	ww_rlog_parse_fn parse;
};

/* The dialects, ending with a row of NULLs (log_detect.c). */
extern const struct ww_rlog_dialect ww_rlog_dialects[];
size_t ww_rlog_dialect_count(void);

/* Detect and parse one line. *which gets the dialect's index (or -1 when no
 * dialect claims the line). The hint (last dialect that worked, or -1) is
 * tried first. */
ww_rc ww_rlog_parse_line(const struct ww_rlog_ctx *ctx, const char *line, size_t len, int hint,
                         int *which, struct ww_rlog_rec *rec);

/* The dialects. */
bool ww_log_iptables_probe(const char *line, size_t len);
ww_rc ww_log_iptables_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                            struct ww_rlog_rec *rec);
bool ww_log_smallrouter_probe(const char *line, size_t len);
ww_rc ww_log_smallrouter_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                               struct ww_rlog_rec *rec);
bool ww_log_pfsense_probe(const char *line, size_t len);
ww_rc ww_log_pfsense_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                           struct ww_rlog_rec *rec);
bool ww_log_asa_probe(const char *line, size_t len);
ww_rc ww_log_asa_parse(const struct ww_rlog_ctx *ctx, const char *line, size_t len,
                       struct ww_rlog_rec *rec);

/* Shared helpers (log_detect.c). */
/* Find `needle` in [s, s+n); NULL when absent. */
const char *ww_rlog_find(const char *s, size_t n, const char *needle);
/* Words meaning "dropped" or "accepted" in a free-text prefix. */
enum ww_rlog_action ww_rlog_action_word(const char *s, size_t n);
/* Protocol name ("TCP", "udp", "ICMPv6", "6") to number; 0 if unknown. */
uint8_t ww_rlog_proto(const char *s, size_t n);

#endif
