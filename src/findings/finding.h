/* The one neutral record between analysis and output. Detectors and artifact
 * parsers fill findings into a report; the writers in report/ only serialise
 * it. Strings that came off the wire or out of a file are marked untrusted
 * and escaped by every writer.
 *
 * Allocation failures are sticky: the first one sets report->rc and later
 * calls become no-ops, so building a report needs no error check per line;
 * writers refuse a report whose rc is set. */
#ifndef WW_FINDINGS_FINDING_H
#define WW_FINDINGS_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/addr.h"
#include "core/result.h"

enum ww_verdict {
	WW_VERDICT_NORMAL = 0,
	WW_VERDICT_P2P,
	WW_VERDICT_SUSPICIOUS,
	WW_VERDICT_SCANNER,
	WW_VERDICT_INFECTED
};
const char *ww_verdict_name(enum ww_verdict v);

enum ww_severity {
	WW_SEV_INFO = 0,
	WW_SEV_LOW,
	WW_SEV_MEDIUM,
	WW_SEV_HIGH,
	WW_SEV_CRITICAL
};
const char *ww_severity_name(enum ww_severity s);

enum ww_finding_kind {
	WW_FINDING_HOST = 0, /* a network host and its verdict ("hosts" in JSON) */
	WW_FINDING_ARTIFACT  /* something found on a machine ("findings" in JSON) */
};

struct ww_text {
	char *s;
	bool untrusted; /* contains bytes from the evidence itself */
};

/* NULL: a value that exists but is unknown (JSON null, not 0: e.g. a
 * table's size). PORTS: a list of (protocol, port, count), a JSON array of
 * objects, never a preformatted string. */
enum ww_field_type { WW_FIELD_INT, WW_FIELD_DBL, WW_FIELD_STR, WW_FIELD_BOOL, WW_FIELD_NULL,
	             WW_FIELD_PORTS };

struct ww_portcount {
	const char *proto; /* code-owned: "tcp", "udp", "icmp", "icmpv6", "ip" */
	uint32_t port;     /* 0: the protocol has none */
	uint32_t count;
};

struct ww_field {
	const char *key; /* a string literal owned by the code, never input */
	enum ww_field_type type;
	bool untrusted;
	union {
		long long i;
		double d;
		char *s;
		bool b;
		struct {
			struct ww_portcount *v;
			size_t n;
		} ports;
	} v;
};

struct ww_fieldset {
	struct ww_field *v;
	size_t n, cap;
};

struct ww_textlist {
	struct ww_text *v;
	size_t n, cap;
};

#define WW_SERIES_MAX 64

struct ww_finding {
	enum ww_finding_kind kind;
	enum ww_verdict verdict;   /* hosts */
	enum ww_severity severity;
	double score;              /* 0..1 */
	char *title;               /* one line: why */
	bool title_untrusted;
	bool has_addr;
	struct ww_addr addr;
	int64_t first_alert_us;    /* 0 = no alert */
	uint32_t attempts_to_alert;
	long pid;                  /* -1 = unknown */
	char *image;               /* process image name, untrusted */
	char *source;              /* file the evidence came from, untrusted */
	unsigned long line;        /* 0 = none */
	struct ww_textlist evidence;
	struct ww_textlist steps;  /* what to do next */
	struct ww_fieldset extra;  /* more fields for JSON and text */
	/* new destinations per series_step_s seconds from series_t0_us (hosts
	 * from packets; n_series = 0: none); JSON "timeline" */
	int64_t series_t0_us;
	uint32_t series_step_s;
	uint32_t n_series;
	uint32_t series[WW_SERIES_MAX];
};

struct ww_row {
	struct ww_fieldset f;
};

struct ww_section {
	char *name;    /* code-owned key, e.g. "table", "sockets" */
	bool single;   /* one object rather than an array of rows */
	struct ww_row *rows;
	size_t n, cap;
};

struct ww_report {
	ww_rc rc;               /* sticky allocation failure */
	const char *command;    /* "analyze", "nat", "logs", "host" */
	struct ww_finding **findings;
	size_t n_findings, cap_findings;
	struct ww_fieldset input;     /* "packets": N ... */
	struct ww_section **sections;
	size_t n_sections, cap_sections;
	struct ww_textlist notes;     /* look-alikes explained, caveats */
	struct ww_textlist warnings;  /* input problems that did not stop the run */
	struct ww_textlist steps;     /* overall next steps */
	int exit_status;              /* set by the command */
};

void ww_report_init(struct ww_report *r, const char *command);
void ww_report_release(struct ww_report *r);

struct ww_finding *ww_report_add(struct ww_report *r, enum ww_finding_kind kind);
/* Order: hosts by verdict (infected first) then score; artifacts by severity. */
void ww_report_sort(struct ww_report *r);

void ww_finding_title(struct ww_report *r, struct ww_finding *f, bool untrusted,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ww_finding_evidence(struct ww_report *r, struct ww_finding *f, bool untrusted,
                         const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ww_finding_step(struct ww_report *r, struct ww_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ww_finding_image(struct ww_report *r, struct ww_finding *f, const char *image, size_t len);
void ww_finding_source(struct ww_report *r, struct ww_finding *f, const char *path,
                       unsigned long line);

void ww_fields_int(struct ww_report *r, struct ww_fieldset *fs, const char *key, long long v);
void ww_fields_dbl(struct ww_report *r, struct ww_fieldset *fs, const char *key, double v);
void ww_fields_bool(struct ww_report *r, struct ww_fieldset *fs, const char *key, bool v);
void ww_fields_str(struct ww_report *r, struct ww_fieldset *fs, const char *key,
                   bool untrusted, const char *s, size_t len);
void ww_fields_null(struct ww_report *r, struct ww_fieldset *fs, const char *key);
/* The integer field key of fs (the last one of that name): false when
 * there is none. */
bool ww_fields_get_int(const struct ww_fieldset *fs, const char *key, long long *v);
void ww_fields_ports(struct ww_report *r, struct ww_fieldset *fs, const char *key,
                     const struct ww_portcount *v, size_t n);
/* "TCP/445 (363)" for a person */
void ww_portcount_fmt(const struct ww_portcount *p, char *buf, size_t len);

void ww_report_note(struct ww_report *r, bool untrusted, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ww_report_warning(struct ww_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ww_report_step(struct ww_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
struct ww_section *ww_report_section(struct ww_report *r, const char *name, bool single);
struct ww_row *ww_section_row(struct ww_report *r, struct ww_section *s);

/* The highest host verdict in the report. */
enum ww_verdict ww_report_worst_verdict(const struct ww_report *r);
/* The exit status of a network report (analyze, nat, logs, watch): 3 an
 * infected host, 1 scanners or suspicious hosts only, 0 otherwise. */
int ww_report_network_exit(const struct ww_report *r);

#endif
