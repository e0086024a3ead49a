/* Inputs of the response steps: what kind a file is (from its first bytes),
 * and the inputs the other commands take, run through the same library
 * pipelines here: captures through the detection engine (as analyze does,
 * on one thread), connection tables and router logs through the router's
 * run (as nat and logs do). Beside the verdicts each pass counts what
 * verify compares: which home hosts were seen at all, their connection
 * openings to worm ports, their share of the table. */
#include "core/common.h"
#include "decode/packet.h"
#include "host/host.h"
#include "report/writer.h"
#include "inputs/capture.h"
#include "response/snapshot.h"
#include "router/ct.h"
#include "router/rt_acct.h"
#include "router/rt_map.h"
#include "router/rt_run.h"
#include "state/engine.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#define SNIFF_LEN 4096

/* ---- what kind of input ------------------------------------------------- */

static bool is_capture_magic(const uint8_t *b, size_t n)
{
	static const uint8_t magics[][4] = {
		{0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4}, /* pcap, microseconds */
		{0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}, /* pcap, nanoseconds */
		{0x0a, 0x0d, 0x0d, 0x0a},                           /* pcapng section header */
	};
	size_t i;
	if (n < 4)
		return false;
	for (i = 0; i < WW_ARRAY_LEN(magics); i++)
		if (memcmp(b, magics[i], 4) == 0)
			return true;
	return false;
}

/* JSON when the first byte after white space (and a UTF-8 byte-order
 * mark) is '{'; a table when its first non-empty line is a conntrack line;
 * a log otherwise. */
static enum ww_resp_kind sniff(const uint8_t *b, size_t n)
{
	size_t i = 0, e;
	struct ww_ct_entry ce;
	uint64_t summary = 0;
	if (is_capture_magic(b, n))
		return WW_RESP_CAPTURE;
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i < n && b[i] == '{')
		return WW_RESP_JSON;
	for (e = i; e < n && b[e] != '\n'; e++)
		;
	if (e > i && ww_ct_any_line((const char *)b + i, e - i, &ce, &summary) == WW_OK)
		return WW_RESP_TABLE;
	return WW_RESP_LOG;
}

/* ---- a finished report -------------------------------------------------- */

static const struct ww_field *field(const struct ww_fieldset *fs, const char *key)
{
	size_t i;
	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].key, key) == 0)
			return &fs->v[i];
	return NULL;
}

static long long field_int(const struct ww_fieldset *fs, const char *key, long long dflt)
{
	const struct ww_field *f = field(fs, key);
	if (!f)
		return dflt;
	if (f->type == WW_FIELD_INT)
		return f->v.i;
	if (f->type == WW_FIELD_DBL)
		return (long long)f->v.d;
	return dflt;
}

static const struct ww_section *section(const struct ww_report *r, const char *name)
{
	size_t i;
	for (i = 0; i < r->n_sections; i++)
		if (strcmp(r->sections[i]->name, name) == 0)
			return r->sections[i];
	return NULL;
}

void ww_resp_load_report(struct ww_resp_snap *s, const struct ww_report *r, const char *file)
{
	const struct ww_section *sec;
	size_t i, j;
	for (i = 0; i < r->n_findings; i++) {
		const struct ww_finding *f = r->findings[i];
		struct ww_resp_host *h;
		long long v;
		if (f->kind != WW_FINDING_HOST || !f->has_addr)
			continue;
		if (!(h = ww_resp_snap_host(s, &f->addr)))
			continue;
		ww_resp_host_flag(s, h, f->verdict, f->score, f->title, file);
		for (j = 0; j < f->evidence.n; j++)
			ww_resp_host_evidence(s, h, f->evidence.v[j].s);
		if ((v = field_int(&f->extra, "first_contacts", -1)) > h->first_contacts)
			h->first_contacts = v;
	}
	if ((sec = section(r, "table")) && sec->n) {
		s->have_table = true;
		s->table_entries += (uint64_t)field_int(&sec->rows[0].f, "entries", 0);
		if (!s->table_max)
			s->table_max = (uint64_t)field_int(&sec->rows[0].f, "max", 0);
	}
}

/* ---- captures ------------------------------------------------------------ */

struct seen {
	uint64_t packets;
	uint64_t worm;
	uint64_t dests;  /* distinct destinations of its connection openings */
	uint16_t ports[WW_RESP_PORTS]; /* worm ports of its openings */
	uint8_t n_ports;
};

struct cap_run {
	struct ww_engine *e;
	struct ww_netlist home;
	struct ww_rt_map seen;  /* home source address -> struct seen */
	struct ww_rt_map pairs; /* (source, destination) of openings: a set */
	struct ww_report *r;
	uint64_t worm, bad;
};

static void addr_key(uint8_t k[17], const struct ww_addr *a)
{
	memcpy(k, a->b, 16);
	k[16] = a->v4;
}

static void on_frame(void *ud, int dlt, int64_t ts, const uint8_t *data, uint32_t caplen,
                     uint32_t wire_len)
{
	struct cap_run *c = ud;
	struct ww_pkt p;
	uint8_t k[17];
	void *v;
	bool isnew, worm, opening;
	if (ww_decode(dlt, data, caplen, wire_len, ts, &p) != WW_OK) {
		c->bad++;
		return;
	}
	ww_engine_packet(c->e, &p);
	if (p.l3 != WW_L3_IP)
		return;
	/* a connection opening to a port worms spread on */
	worm = p.proto == WW_PROTO_TCP && !p.fragment &&
	       (p.tcp_flags & (WW_TH_SYN | WW_TH_ACK)) == WW_TH_SYN &&
	       ww_rt_worm_port(WW_PROTO_TCP, p.dport);
	if (worm)
		c->worm++;
	if (!ww_netlist_match(&c->home, &p.src))
		return;
	/* a TCP SYN, or any UDP or ICMP echo request: an attempt to reach dst */
	opening = (p.proto == WW_PROTO_TCP && (p.tcp_flags & (WW_TH_SYN | WW_TH_ACK)) == WW_TH_SYN) ||
	          p.proto == WW_PROTO_UDP ||
	          (p.proto == WW_PROTO_ICMP && p.icmp_type == 8);
	addr_key(k, &p.src);
	if (ww_rt_map_get(&c->seen, k, &v, &isnew) == WW_OK) {
		struct seen *x = v;
		uint8_t pk[34];
		void *pv;
		bool pnew;
		x->packets++;
		x->worm += worm;
		if (worm && x->n_ports < WW_RESP_PORTS) {
			size_t i;
			for (i = 0; i < x->n_ports && x->ports[i] != p.dport; i++)
				;
			if (i == x->n_ports)
				x->ports[x->n_ports++] = p.dport;
		}
		if (opening && !p.fragment && !ww_addr_is_multicast(&p.dst) &&
		    !ww_addr_is_broadcast(&p.dst)) {
			memcpy(pk, k, 17);
			addr_key(pk + 17, &p.dst);
			if (ww_rt_map_get(&c->pairs, pk, &pv, &pnew) == WW_OK && pnew)
				x->dests++;
		}
	}
}

static void on_warn(void *ud, const char *msg)
{
	struct cap_run *c = ud;
	ww_report_warning(c->r, "%s", msg);
}

static ww_rc load_capture(struct ww_resp_snap *s, const char *path, const struct ww_resp_load_opts *o)
{
	struct ww_engine_config cfg;
	struct ww_capture cap;
	struct ww_report r;
	struct cap_run c;
	char *paths[1];
	char err[160];
	ww_rc rc, crc;
	size_t it = 0;
	const void *k;
	void *v;

	memset(&c, 0, sizeof(c));
	memset(&cap, 0, sizeof(cap));
	ww_engine_config_init(&cfg);
	ww_netlist_init(&c.home);
	rc = o->home ? ww_netlist_parse(&c.home, o->home, err, sizeof(err))
	             : ww_netlist_add_private(&c.home);
	if (rc) {
		ww_error("--home-net: %s", o->home ? err : ww_rc_str(rc));
		ww_netlist_release(&c.home);
		return WW_ERR_USAGE;
	}
	if ((rc = ww_netlist_copy(&cfg.home, &c.home)) ||
	    (rc = ww_rt_map_init(&c.seen, 17, sizeof(struct seen), WW_RESP_MAX_HOSTS, 0)) ||
	    (rc = ww_rt_map_init(&c.pairs, 34, 0, WW_RESP_MAX_PAIRS, 0))) {
		ww_rt_map_release(&c.seen);
		ww_netlist_release(&c.home);
		ww_netlist_release(&cfg.home);
		return rc;
	}
	paths[0] = (char *)(uintptr_t)path;
	ww_report_init(&r, "analyze");
	c.r = &r;
	if ((rc = ww_capture_open(&cap, paths, 1)))
		goto out; /* the error was printed */
	if ((rc = ww_engine_new(&cfg, &c.e))) {
		ww_error("cannot start the engine: %s", ww_rc_str(rc));
		goto out;
	}
	crc = ww_capture_run(&cap, on_frame, &c, on_warn);
	if ((rc = ww_engine_report(c.e, &r)) || (rc = r.rc)) {
		ww_error("'%s': cannot build the report: %s", path, ww_rc_str(rc));
		goto out;
	}
	ww_resp_load_report(s, &r, path);
	while (ww_rt_map_next(&c.seen, &it, &k, &v)) {
		const struct seen *x = v;
		struct ww_addr a;
		struct ww_resp_host *h;
		ww_rt_key_addr(&a, k);
		if (!(h = ww_resp_snap_host(s, &a)))
			continue;
		h->seen = true;
		h->has_worm = true;
		h->worm_packets += x->worm;
		h->destinations = (h->destinations < 0 ? 0 : h->destinations) + (long long)x->dests;
		for (size_t i = 0; i < x->n_ports; i++)
			ww_resp_host_port(h, x->ports[i]);
	}
	if (c.pairs.refused)
		s->pairs_capped = true;
	s->have_worm = true;
	s->worm_packets += c.worm;
	s->presence = true;
	if (crc == WW_ERR_FORMAT)
		ww_warn("'%s': the capture is damaged; what could be read was used", path);
	rc = WW_OK;
out:
	ww_engine_free(c.e);
	ww_capture_close(&cap);
	ww_report_release(&r);
	ww_rt_map_release(&c.seen);
	ww_rt_map_release(&c.pairs);
	ww_netlist_release(&c.home);
	ww_netlist_release(&cfg.home);
	return rc;
}

/* ---- tables and logs ----------------------------------------------------- */

static ww_rc load_router(struct ww_resp_snap *s, const char *path, bool table,
                         const struct ww_resp_load_opts *o)
{
	struct ww_rt_run_opts ro;
	struct ww_rt_run run;
	struct ww_rt_table tbl;
	struct ww_report r;
	char err[160];
	size_t it = 0;
	const void *k;
	void *v;
	ww_rc rc;

	memset(&ro, 0, sizeof(ro));
	ro.home = o->home;
	ro.use_engine = true;
	memset(&tbl, 0, sizeof(tbl));
	if ((rc = ww_rt_run_init(&run, &ro, err, sizeof(err)))) {
		ww_error("%s", rc == WW_ERR_USAGE ? err : ww_rc_str(rc));
		return rc;
	}
	ww_report_init(&r, table ? "nat" : "logs");
	if ((rc = ww_rt_run_file(&run, path, table)))
		goto out; /* the error was printed */
	if (run.parsed == 0) {
		rc = WW_ERR_NOTFOUND; /* not a router input: the caller tries the host reader */
		goto out;
	}
	if (table) {
		tbl.entries = run.ct_proc + run.ct_tool;
		if ((tbl.max = ww_rt_guess_max(tbl.entries)) != 0)
			tbl.max_assumed = true;
	}
	if ((rc = ww_rt_run_report(&run, table ? &tbl : NULL, &r)) || (rc = r.rc)) {
		ww_error("'%s': cannot build the report: %s", path, ww_rc_str(rc));
		goto out;
	}
	ww_resp_load_report(s, &r, path);
	while (ww_rt_map_next(&run.acct.hosts, &it, &k, &v)) {
		const struct ww_rt_host *x = v;
		struct ww_addr a;
		struct ww_resp_host *h;
		ww_rt_key_addr(&a, k);
		if (!(h = ww_resp_snap_host(s, &a)))
			continue;
		h->seen = true;
		h->has_worm = true;
		h->worm_packets += x->worm_port;
		s->worm_packets += x->worm_port;
		h->destinations = (h->destinations < 0 ? 0 : h->destinations) + x->dsts;
		for (size_t i = 0; i < WW_RT_TOPN; i++)
			if (x->top[i].count && x->top[i].proto == WW_PROTO_TCP)
				ww_resp_host_port(h, x->top[i].port);
		if (table)
			h->table_entries = (h->table_entries < 0 ? 0 : h->table_entries) + x->entries;
	}
	s->have_worm = true;
	s->presence = true;
out:
	ww_report_release(&r);
	ww_rt_run_release(&run);
	return rc;
}

/* ---- a machine's own outputs (what `host` reads) ----------------------------- */

static const struct ww_field *input_field(const struct ww_report *r, const char *key)
{
	return field(&r->input, key);
}

/* The host pipeline in this process; its report read back through the JSON
 * reader, the one place that knows how a host result names its machine. */
static ww_rc load_host(struct ww_resp_snap *s, const char *path)
{
	struct ww_host_opts ho;
	struct ww_report r;
	struct ww_out o;
	char *paths[1], *buf = NULL;
	size_t len = 0;
	const struct ww_field *sk, *pr;
	int level = 0;
	FILE *f;
	ww_rc rc;

	memset(&ho, 0, sizeof(ho));
	paths[0] = (char *)(uintptr_t)path;
	ho.paths = paths;
	ho.n_paths = 1;
	ho.datadir = getenv("WW_DATADIR") ? getenv("WW_DATADIR") : WW_DATADIR;
	ho.inventory = true;
	ww_report_init(&r, "host");
	if ((rc = ww_host_run(&ho, &r, &level))) {
		ww_report_release(&r);
		return rc == WW_ERR_NOTFOUND ? WW_ERR_FORMAT : rc; /* printed */
	}
	sk = input_field(&r, "sockets");
	pr = input_field(&r, "processes");
	if (r.n_findings == 0 && (!sk || sk->v.i == 0) && (!pr || pr->v.i == 0)) {
		ww_report_release(&r);
		return WW_ERR_NOTFOUND;
	}
	if (!(f = open_memstream(&buf, &len))) {
		ww_report_release(&r);
		return WW_ERR_NOMEM;
	}
	ww_out_init(&o, f);
	rc = ww_write_json(&o, &r);
	if (fclose(f) != 0 && !rc)
		rc = WW_ERR_NOMEM;
	ww_report_release(&r);
	if (!rc)
		rc = ww_resp_load_json_buf(s, buf, len, path);
	free(buf);
	return rc;
}

/* ---- JSON results --------------------------------------------------------- */

static ww_rc load_json(struct ww_resp_snap *s, FILE *f, const char *path)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ww_rc rc;
	for (;;) {
		size_t got;
		if (len == cap) {
			size_t nc = cap ? cap * 2 : 65536;
			char *nb;
			if (nc > WW_RESP_MAX_JSON + 1)
				nc = WW_RESP_MAX_JSON + 1;
			if (nc == cap) {
				ww_error("'%s': a JSON result larger than %u MiB is not read", path,
				         WW_RESP_MAX_JSON >> 20);
				free(buf);
				return WW_ERR_LIMIT;
			}
			if (!(nb = realloc(buf, nc))) {
				free(buf);
				return WW_ERR_NOMEM;
			}
			buf = nb;
			cap = nc;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		ww_error("cannot read '%s': %s", path, strerror(errno ? errno : EIO));
		free(buf);
		return WW_ERR_IO;
	}
	rc = ww_resp_load_json_buf(s, buf, len, path);
	free(buf);
	return rc;
}

ww_rc ww_resp_load(struct ww_resp_snap *s, const char *path, const struct ww_resp_load_opts *o)
{
	uint8_t head[SNIFF_LEN];
	size_t n;
	FILE *f;
	enum ww_resp_kind kind;
	struct stat st;
	ww_rc rc;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* a collection folder of one machine's outputs */
		rc = load_host(s, path);
		if (rc == WW_ERR_NOTFOUND) {
			ww_error("'%s': no output wormwatch host understands in this folder", path);
			rc = WW_ERR_FORMAT;
		}
		if (!rc)
			s->n_inputs++;
		return rc ? rc : s->rc;
	}
	f = fopen(path, "rb");
	if (!f) {
		ww_error("cannot open '%s': %s", path, strerror(errno));
		return WW_ERR_IO;
	}
	n = fread(head, 1, sizeof(head), f);
	if (ferror(f)) {
		ww_error("cannot read '%s': %s", path, strerror(errno ? errno : EIO));
		fclose(f);
		return WW_ERR_IO;
	}
	if (n == 0) {
		ww_error("'%s': empty file", path);
		fclose(f);
		return WW_ERR_FORMAT;
	}
	kind = sniff(head, n);
	if (kind == WW_RESP_JSON) {
		rewind(f);
		rc = load_json(s, f, path);
		fclose(f);
	} else {
		fclose(f);
		if (kind == WW_RESP_CAPTURE)
			rc = load_capture(s, path, o);
		else
			rc = load_router(s, path, kind == WW_RESP_TABLE, o);
		if (rc == WW_ERR_NOTFOUND && kind == WW_RESP_LOG)
			rc = load_host(s, path); /* netstat, tasklist, reg ... of one machine */
		if (rc == WW_ERR_NOTFOUND) {
			ww_error("'%s': not a capture, a connection table, a router log, a machine's "
			         "outputs or a wormwatch JSON result (no line understood)", path);
			rc = WW_ERR_FORMAT;
		}
	}
	if (!rc)
		s->n_inputs++;
	if (!rc && s->rc)
		rc = s->rc;
	return rc;
}
