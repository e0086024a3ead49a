/* Containment rules: a plan (which hosts to isolate and why, which ports to
 * block, which addresses may never be isolated) written out for one
 * platform: nftables, iptables, OpenWrt (fw4 through uci), pf, Cisco IOS
 * ACLs, or netsh advfirewall for the Windows PCs. Every format carries its
 * exact undo commands.
 *
 * To add a format: write `ww_rc my_write(struct ww_out *o, const struct
 * ww_contain_plan *p)` in rules_<name>.c or beside the others, declare it
 * below and add a row to ww_rule_formats[] in rules.c. The contract: write
 * addresses only from their binary form (ww_addr_fmt, ww_cidr_fmt), every
 * other string that came from an input only through ww_safe_text() (which
 * keeps letters, digits, space and . , : / ( ) + = _ - and nothing that a
 * shell, cmd.exe, nft, uci, pf or IOS would read as syntax); report write
 * failures through the ww_out. */
#ifndef WW_RESPONSE_RULES_H
#define WW_RESPONSE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/addr.h"
#include "report/writer.h"
#include "response/snapshot.h"

#define WW_SAFE_MAX 200         /* longest comment text kept */
#define WW_CONTAIN_MAX_HOSTS 4096
#define WW_CONTAIN_MAX_PORTS 15  /* iptables' multiport takes 15 */

struct ww_contain_host {
	struct ww_addr addr;
	enum ww_verdict verdict;
	double score;
	char why[WW_SAFE_MAX];      /* sanitised */
	char evidence[WW_SAFE_MAX]; /* sanitised, first evidence line */
	char source[WW_SAFE_MAX];   /* sanitised */
};

struct ww_contain_plan {
	struct ww_contain_host *h;  /* hosts to isolate */
	size_t n, cap;
	struct ww_netlist allow;    /* never isolated (gateway, DNS, admin, --allow) */
	struct ww_netlist home;     /* inside networks: worm ports are blocked outside them */
	unsigned timeout_s;         /* quarantine timeout; 0 = until undone */
	unsigned short tcp[WW_CONTAIN_MAX_PORTS]; /* TCP ports blocked, ascending */
	size_t n_tcp;
	size_t skipped_allowed;     /* infected hosts left out: on the allowlist */
	struct ww_addr skipped[8];  /* the first of them, to name */
	char sources[WW_SAFE_MAX];  /* sanitised list of the inputs */
};

/* Ports the rules block: TCP 135, 139, 445 always (RPC, NetBIOS session,
 * SMB: the ports the worms of S1-S3 spread on), plus every worm port
 * (router/rt_acct's list) the isolated hosts were seen opening connections
 * to (Blaster's 4444, Mirai's 23/2323, SQL Slammer's 1433 ...), and UDP
 * 137, 138 (NetBIOS). */
extern const unsigned short ww_contain_udp_ports[2];
/* Add a TCP port to the plan (kept ascending, no duplicates, capped). */
void ww_contain_plan_port(struct ww_contain_plan *p, unsigned short port);
/* The TCP ports joined by sep ("135/139/445", "135,139,445"). */
void ww_contain_ports(struct ww_out *o, const struct ww_contain_plan *p, const char *sep);

void ww_contain_plan_init(struct ww_contain_plan *p);
void ww_contain_plan_release(struct ww_contain_plan *p);
/* Every infected host of the snapshot that is not on the allowlist. */
ww_rc ww_contain_plan_from(struct ww_contain_plan *p, const struct ww_resp_snap *s);
/* Append a name to p->sources (sanitised, cut at the limit). */
void ww_contain_plan_source(struct ww_contain_plan *p, const char *name);

/* Copy src into dst (cap bytes, always terminated), keeping only the safe
 * characters above; any other byte, and each byte of a multi-byte UTF-8
 * sequence, becomes '_'; runs of white space become one space. Returns
 * dst. */
char *ww_safe_text(char *dst, size_t cap, const char *src);
/* The prefix's network address (host bits cleared: nft refuses others). */
void ww_cidr_netaddr(const struct ww_cidr *c, struct ww_addr *net);
/* "192.168.0.0/16" from the binary prefix. */
const char *ww_cidr_fmt(const struct ww_cidr *c, char *buf, size_t cap);

/* The comment block every format starts with: what is done, the inputs,
 * and per host its address, verdict, why, first evidence line and file;
 * c is the comment marker ("#", "!", "REM"), eol the line end. */
void ww_rules_header(struct ww_out *o, const struct ww_contain_plan *p, const char *c,
                     const char *platform, const char *eol);

typedef ww_rc (*ww_rule_fn)(struct ww_out *o, const struct ww_contain_plan *p);

struct ww_rule_format {
	const char *name;
	const char *help;
	ww_rule_fn write;
};

extern const struct ww_rule_format ww_rule_formats[];
const struct ww_rule_format *ww_rule_format_find(const char *name);

ww_rc ww_rules_nft(struct ww_out *o, const struct ww_contain_plan *p);
ww_rc ww_rules_iptables(struct ww_out *o, const struct ww_contain_plan *p);
ww_rc ww_rules_openwrt(struct ww_out *o, const struct ww_contain_plan *p);
ww_rc ww_rules_pf(struct ww_out *o, const struct ww_contain_plan *p);
ww_rc ww_rules_cisco(struct ww_out *o, const struct ww_contain_plan *p);
ww_rc ww_rules_windows(struct ww_out *o, const struct ww_contain_plan *p);

/* contain --json: the plan and format f's rules in one document (the
 * shape is in rules_json.c). */
ww_rc ww_contain_write_json(struct ww_out *o, const struct ww_contain_plan *p,
                            const struct ww_rule_format *f);

/* The nftables table alone (no comments outside it), as --apply loads it:
 * `add table`, `delete table`, then the table, so that loading it replaces
 * an older one atomically. */
ww_rc ww_rules_nft_table(struct ww_out *o, const struct ww_contain_plan *p);

#endif
