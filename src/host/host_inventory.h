/* What `wormwatch host` knows about one machine: the parsed inventory
 * (sockets, processes, autostart values, HOSTS entries, tasks, shares,
 * group members, listed files, protocol counters), filled by the dialect
 * parsers (one file each, registered in host_sniff.c) and read by the rules
 * in host_rules.c, which turn it into findings. Every array has a hard cap;
 * strings are copied out of the input and bounded. No global state: one
 * struct ww_host_ctx is passed down. */
#ifndef WW_HOST_INVENTORY_H
#define WW_HOST_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"
#include "findings/finding.h"

#define WW_HOST_MAX_SOCKETS 2000000u
#define WW_HOST_MAX_ITEMS 500000u
#define WW_HOST_MAX_FILE (256u * 1024u * 1024u)
#define WW_HOST_MAX_LINE 8192u
#define WW_HOST_NAME 64
#define WW_HOST_IMAGE 96

enum ww_host_proto { WW_PROTO_TCP = 1, WW_PROTO_UDP = 2 };

/* Socket state, locale-free where possible: a listener is recognised by its
 * foreign address, never by the translated word. */
enum ww_host_state {
	WW_ST_UNKNOWN = 0, WW_ST_LISTEN, WW_ST_SYN_SENT, WW_ST_SYN_RECV,
	WW_ST_ESTABLISHED, WW_ST_CLOSING, WW_ST_NONE /* UDP */
};

struct ww_host_endpoint {
	bool has_addr;              /* false when name-resolved */
	struct ww_addr addr;
	char name[WW_HOST_NAME];    /* host name when name-resolved */
	bool wild;                  /* "*:*", ":0" or "*" port */
	uint16_t port;
};

struct ww_host_socket {
	uint8_t proto;
	uint8_t state;
	struct ww_host_endpoint local, foreign;
	long pid;                   /* -1 = unknown */
	char image[WW_HOST_IMAGE];  /* from netstat -b or /proc */
	char service[WW_HOST_NAME]; /* component line of netstat -b */
	uint64_t inode;             /* Linux socket inode (live), 0 = none */
	uint32_t src;               /* index into ctx->sources */
	uint32_t line;
};

struct ww_host_process {
	long pid;
	char image[WW_HOST_IMAGE];
	char *services;             /* "a, b, c" from tasklist /svc, or NULL */
	char *path;                 /* executable path (live Linux) */
	char *cmdline;
	uint32_t src, line;
};

enum ww_reg_type { WW_REG_SZ = 1, WW_REG_EXPAND_SZ, WW_REG_MULTI_SZ, WW_REG_DWORD,
	           WW_REG_BINARY, WW_REG_OTHER, WW_REG_DELETE };

struct ww_host_regval {
	char *key;                  /* full key path as exported */
	char *name;                 /* "" for the default value (@) */
	char *data;                 /* decoded text (REG_EXPAND_SZ decoded too) */
	uint32_t dword;
	uint8_t type;
	uint32_t src, line;         /* line 0 for a value read from a hive */
	bool from_hive;             /* read from a hive file (host --offline) */
	int64_t written_us;         /* the key's last write (hives), 0 = unknown */
};

struct ww_host_hostent {
	char addr[WW_ADDR_STRLEN];
	char *name;
	uint32_t src, line;
};

struct ww_host_task {
	char *name;
	char *command;
	bool at_job;                /* an `at` job (At1, At2 ... or at's list) */
	uint32_t src, line;
};

struct ww_host_share {
	char *name;
	char *path;
	uint32_t src, line;
};

struct ww_host_member {
	char *group;
	char *name;
	uint32_t src, line;
};

struct ww_host_file {
	char *dir;
	char *name;
	bool is_dir;
	uint32_t src, line;
};

/* Counters from `netstat -s`, -1 when absent. */
struct ww_host_stats {
	bool present;
	long long ip_rx, icmp_rx, icmp_unreach_rx, tcp_active, tcp_failed,
	    udp_rx, udp_noports;
	uint32_t src, line_unreach, line_noports, line_failed;
};

/* Peers and verdicts from `wormwatch analyze --json` (--network). */
struct ww_host_netverdict {
	struct ww_addr addr;
	char verdict[24];
	char *evidence;
};

#define WW_HOST_VEC(T) struct { T *v; size_t n, cap; }

struct ww_host_inv {
	WW_HOST_VEC(struct ww_host_socket) sockets;
	WW_HOST_VEC(struct ww_host_process) procs;
	WW_HOST_VEC(struct ww_host_regval) regvals;
	WW_HOST_VEC(struct ww_host_hostent) hosts;
	WW_HOST_VEC(struct ww_host_task) tasks;
	WW_HOST_VEC(struct ww_host_share) shares;
	WW_HOST_VEC(struct ww_host_member) members;
	WW_HOST_VEC(struct ww_host_file) files;
	WW_HOST_VEC(struct ww_host_netverdict) network;
	struct ww_host_stats stats;
	bool live;                  /* sockets and processes seen live */
	bool have_pids;             /* some socket row carried a PID */
};

/* An indicator from data/indicators/NAME.tsv: kind, value, where it came from. */
struct ww_indicator {
	char *kind;   /* "worm_file", "hosts_domain", "system_file", "security_service", "default_share" */
	char *value;  /* lower-case */
	char *note;
	char *source;
};

struct ww_indicators {
	struct ww_indicator *v;
	size_t n, cap;
};

struct ww_host_ctx {
	struct ww_report *report;
	struct ww_host_inv inv;
	struct ww_indicators ind;
	char **sources;             /* file names, index = socket.src etc. */
	size_t n_sources, cap_sources;
	bool capped;                /* a cap was reached (warned once) */
	unsigned long rows_bad;     /* row-like lines that did not parse */
	unsigned long lines_skipped; /* lines over the parser's cap, skipped whole */
	unsigned long inputs_skipped; /* files warned about and skipped (host_sniff.c) */
	int skipped_status;         /* 0, or 65/66: the exit status that says so */
	unsigned long recognised;   /* files (or parts) whose dialect was known */
	unsigned long unrecognised; /* files with bytes in them whose dialect was not */
	bool named_file;            /* the file being read was named itself, not found
	                               in a folder: not recognised is then an error */
	int exit_level;             /* 0..3, raised by the rules */
	bool inventory;             /* report the sockets and processes */
	uint8_t worm_ports[65536 / 8]; /* bitmap of the worm_port indicators */
};

void ww_host_ctx_init(struct ww_host_ctx *c, struct ww_report *r);
void ww_host_ctx_release(struct ww_host_ctx *c);
/* Register a source name; returns its index (0 when out of memory). */
uint32_t ww_host_source(struct ww_host_ctx *c, const char *name);
const char *ww_host_source_name(const struct ww_host_ctx *c, uint32_t src);

/* Appenders: return a zeroed slot or NULL (cap reached or no memory; the
 * report gets a warning once). */
struct ww_host_socket *ww_host_add_socket(struct ww_host_ctx *c);
/* A parsed socket row into the inventory, or a counted warning naming the
 * file and line when the row did not parse (`ok` false). Returns the new
 * socket, or NULL (then c->report->rc tells an allocation failure apart). */
struct ww_host_socket *ww_host_keep_socket(struct ww_host_ctx *c, bool ok,
                                           const struct ww_host_socket *row, uint32_t src,
                                           unsigned long lineno);
struct ww_host_process *ww_host_add_process(struct ww_host_ctx *c);
struct ww_host_regval *ww_host_add_regval(struct ww_host_ctx *c);
struct ww_host_hostent *ww_host_add_hostent(struct ww_host_ctx *c);
struct ww_host_task *ww_host_add_task(struct ww_host_ctx *c);
struct ww_host_share *ww_host_add_share(struct ww_host_ctx *c);
struct ww_host_member *ww_host_add_member(struct ww_host_ctx *c);
struct ww_host_file *ww_host_add_file(struct ww_host_ctx *c);
struct ww_host_netverdict *ww_host_add_netverdict(struct ww_host_ctx *c);

/* Small string helpers shared by the parsers. */
char *ww_host_strndup(const char *s, size_t n);
void ww_host_copy(char *dst, size_t dstlen, const char *s, size_t n);
void ww_host_trim(const char **s, size_t *n);
/* Only ASCII digits (and at least one). */
bool ww_host_all_digits(const char *s, size_t n);
/* A separator row of 30 or more dashes (net user, net share, schtasks). */
bool ww_host_dash_line(const char *s, size_t n);
bool ww_host_ieq(const char *a, size_t an, const char *b);
bool ww_host_istarts(const char *s, size_t n, const char *prefix);
const char *ww_host_memmem_ci(const char *h, size_t hn, const char *needle);
/* The file name part of a Windows or Unix path or command line (without
 * quotes and arguments), lower-cased into out. */
void ww_host_basename(const char *cmd, char *out, size_t outlen);
/* The directory part, lower-cased, without the trailing separator. */
void ww_host_dirname(const char *cmd, char *out, size_t outlen);
/* A file or service name that looks machine-generated (Conficker's
 * "jwgkvsq.dll", "lhlxnuob"). */
bool ww_host_random_name(const char *base);
/* Split one CSV line into at most max fields (quotes and doubled quotes);
 * fields point into scratch (NUL-terminated). Returns the field count. */
size_t ww_host_csv(const char *line, size_t n, char *scratch, size_t scratchlen,
                   char **fields, size_t max);

#endif
