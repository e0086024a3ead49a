/* The report's model: what the loader (html_load.c) gathers from the inputs
 * and the page (html_page.c, html_chart.c, html_graph.c) lays out. Every
 * string kept here came from an input and is untrusted; every item names
 * the input it came from (src, an index into hr->inputs) so that the page
 * can say where each number was read. */
#ifndef WW_HTML_INT_H
#define WW_HTML_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <json-c/json.h>

#include "core/addr.h"
#include "findings/finding.h"
#include "html/html.h"

#define HR_MAX_INPUTS 256
#define HR_MAX_HOSTS 4096
#define HR_MAX_EDGES 4096
#define HR_MAX_TEXTS 256     /* evidence lines kept per host */
#define HR_MAX_POINTS 4096   /* points kept per series */
#define HR_MAX_FILE (64u << 20)

enum hr_done {
	HR_DONE_CLEAN = 1u << 0,
	HR_DONE_REBUILT = 1u << 1,
	HR_DONE_PATCHED = 1u << 2,
	HR_DONE_PASSWORDS = 1u << 3
};

struct hr_text {
	char *s;
	unsigned src;
};

struct hr_texts {
	struct hr_text *v;
	size_t n, cap;
};

struct hr_point {
	int64_t t_us;
	double v;
};

struct hr_series {
	struct hr_point *v;
	size_t n, cap;
	unsigned src;
	uint32_t step_s;
};

struct hr_input {
	char *path;
	char command[16];       /* analyze, nat, logs, watch, alerts, host, verify, contain */
	struct json_object *root; /* the result (NULL for alert lines) */
	int attach;             /* host: index of the host it was collected on, -1 */
};

struct hr_edge {
	unsigned from, to;      /* host indexes */
	unsigned port;
	int64_t t_us;
	bool attacked;          /* "was attacked by" (not "probably infected by") */
	unsigned src;
};

struct hr_host {
	struct ww_addr addr;
	char name[WW_ADDR_STRLEN];
	bool seen;               /* a network result judged it */
	enum ww_verdict verdict;
	unsigned verdict_src;
	double score;
	int64_t first_alert_us;  /* 0 = none */
	unsigned alert_src;
	char *title;
	unsigned title_src;
	struct hr_texts evidence;
	struct hr_series timeline;  /* new destinations per step */
	long long first_contacts;   /* -1 = unknown */
	unsigned fc_src;
	long long nat_entries;      /* -1 = unknown */
	double nat_share;
	unsigned nat_src;
	/* verify */
	bool has_verify;
	char vstatus[24];
	char *vanswer;
	char vbefore[16], vafter[16];
	long long vbefore_fc, vafter_fc;
	struct hr_texts vchanged;
	unsigned verify_src;
	unsigned done;              /* enum hr_done bits */
	bool contained;             /* a contain result's rules name it */
	unsigned contain_src;
};

struct ww_hr {
	struct hr_input inputs[HR_MAX_INPUTS];
	unsigned n_inputs;
	struct hr_host *hosts;
	size_t n_hosts, cap_hosts;
	struct hr_edge edges[HR_MAX_EDGES];
	size_t n_edges;
	struct hr_texts warnings;   /* loader warnings shown on the page */
	unsigned n_hosts_dropped;
};

/* html_model.c */
int hr_host_find(const struct ww_hr *hr, const struct ww_addr *a);
/* the host of that address, added as "normal" if new; -1 when the table is
 * full (counted, and said on the page), -2 when out of memory */
int hr_host_get(struct ww_hr *hr, const struct ww_addr *a);
const char *hr_verdict_word(enum ww_verdict v);
ww_rc hr_texts_add(struct hr_texts *l, const char *s, unsigned src);
void hr_texts_free(struct hr_texts *l);
/* html_json.c: "2026-03-02T09:00:10.010408Z" (fraction optional) */
bool hr_parse_time(const char *s, int64_t *us);

/* html_out.c: escapers, one per place in the page */
void hr_text(struct ww_out *o, const char *s);       /* HTML text and attribute values */
void hr_text_pre(struct ww_out *o, const char *s);   /* the same in <pre>, newlines kept */
void hr_json_str(struct ww_out *o, const char *s);   /* a JSON string inside <script> */
void hr_time(struct ww_out *o, int64_t us);          /* "2026-03-02 09:00:10 UTC" */
void hr_src(struct ww_out *o, const struct ww_hr *hr, unsigned src); /* "[n]" link */

/* html_chart.c */
struct hr_chart_ctx {
	bool chartjs;        /* Chart.js inlined: canvases + data; else inline SVG */
	unsigned n;          /* charts written so far (ids) */
};
void hr_chart_timeline(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                       const struct hr_host *h);
void hr_chart_table(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                    unsigned src);
void hr_chart_shares(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                     unsigned src);
void hr_chart_share_dumps(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr);
void hr_chart_verify(struct ww_out *o, struct hr_chart_ctx *c, const struct ww_hr *hr,
                     unsigned src);
/* the script that draws every canvas from its data (Chart.js present) */
void hr_chart_script(struct ww_out *o);

/* html_graph.c: the propagation graph as inline SVG; false if none */
bool hr_graph_svg(struct ww_out *o, const struct ww_hr *hr);

#endif
