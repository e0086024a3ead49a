/* wwgen: writes deterministic packet captures with ground truth for the
 * demo, the golden tests and the benchmarks.
 *
 *   wwgen SCENARIO -o FILE [--truth FILE] [--seed N] [--link L] [--pcapng]
 *                  [--packets N] [--dests D] [--stats]
 *                  [--flows FILE [--flows-format v5|v9|ipfix]]
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <time.h>

#include "gen.h"

enum { EXIT_USAGE = 64 };

/* Recipe: to add a scenario, write `ww_rc gen_scn_NAME(struct gen *, FILE *)`
 * in a scenarios_*.c file (contract on gen_scenario_fn in gen.h), declare it
 * in gen.h and add a row here. stream: the scenario emits in time order and
 * is written as it goes (no sorting, nothing held in memory). */
static const struct gen_scenario {
	const char *name;
	const char *help;
	gen_scenario_fn fn;
	bool stream;
	bool sized;     /* takes --packets (and --dests for bench) */
} scenarios[] = {
	{"office", "S1/S2 office LAN: two worms, a BitTorrent user, normal users (~5 min)",
	 gen_scn_office, false, false},
	{"portscan", "nmap -sS-like scan of 1000 ports of one host", gen_scn_portscan, false, false},
	{"hscan", "horizontal SYN scan of 3,000 public addresses on 8443 beside a browsing PC",
	 gen_scn_hscan, false, false},
	{"sweep6", "IPv6 sweep of 200 addresses on 445 beside a normal IPv6 host",
	 gen_scn_sweep6, false, false},
	{"propagation", "LAN worm infects a neighbour by MS08-067; the neighbour starts to "
			"sweep (~5 min)", gen_scn_propagation, false, false},
	{"exploits", "three one-step infections: Blaster shell, DoublePulsar, MS08-067",
	 gen_scn_exploits, false, false},
	{"office-after", "the office after the clean-up: both worms gone, their PCs browse (~5 min)",
	 gen_scn_office_after, false, false},
	{"office-after-one", "the office after a partial clean-up: .47 cleaned, .23 still sweeps",
	 gen_scn_office_after_one, false, false},
	{"flood", "200,000 spoofed one-SYN sources from the home range, then a worm sweeping 445",
	 gen_scn_flood, true, false},
	{"bench", "large streamed capture: worms sweeping public space, normal, P2P "
		  "(--packets N, --dests D)", gen_scn_bench, true, true},
	{"denselan-fast", "Windows /24, 80% of PCs answer 445; a worm sweeps it in order "
			  "at 50-80 addr/s", gen_scn_denselan_fast, false, false},
	{"denselan-slow", "the same dense LAN; the worm sweeps at ~5 addr/s",
	 gen_scn_denselan_slow, false, false},
	{"mirai", "home LAN: a camera runs a Mirai/Hide'n'Seek telnet sprayer after a "
		  "loader download", gen_scn_mirai, false, false},
	{"stealthscan", "nmap FIN, Xmas, NULL, UDP and SCTP INIT scans of LAN hosts",
	 gen_scn_stealthscan, false, false},
	{"p2pstale", "Gnutella client with a stale host cache: ~900 SYNs to ~80 peers on 6346",
	 gen_scn_p2pstale, false, false},
	{"officemix", "large streamed office mix: web, TLS, SMB, DNS, P2P (--packets N)",
	 gen_scn_officemix, true, true},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: wwgen SCENARIO -o FILE [--truth FILE] [--seed N] [--link L]\n"
		   "             [--pcapng] [--snaplen N] [--packets N] [--dests D] [--stats]\n"
		   "       wwgen --help\n\n"
		   "scenarios:\n");
	for (size_t i = 0; i < WW_ARRAY_LEN(scenarios); i++)
		fprintf(f, "  %-13s %s\n", scenarios[i].name, scenarios[i].help);
	fprintf(f, "\noptions:\n"
		   "  -o, --output FILE  capture to write (classic pcap unless --pcapng)\n"
		   "  --truth FILE       ground truth TSV: addr, expect, what\n"
		   "  --seed N           random seed (default 1); same seed, same bytes\n"
		   "  --link L           %s (default en10mb)\n"
		   "  --pcapng           write pcapng instead of pcap\n"
		   "  --snaplen N        cut frames to N bytes (64-65535, default 65535)\n"
		   "  --packets N        bench, officemix: total packets (default 2000000)\n"
		   "  --dests D          bench: distinct worm destinations (default 1100000)\n"
		   "  --stats            print packet count and time taken on stderr\n"
		   "  --flows FILE       also write the flow exports a router on the capture\n"
		   "                     point would send: a pcap of UDP datagrams to 2055\n"
		   "                     (v5, v9) or 4739 (IPFIX)\n"
		   "  --flows-format F   v5, v9 or ipfix (default ipfix)\n",
		gen_link_names());
}

/* --help on stdout, checked: 0, or 1 when stdout cannot be written. */
static int help(void)
{
	usage(stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		gen_error("cannot write the help text: %s", strerror(errno ? errno : EIO));
		return 1;
	}
	return 0;
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("wwgen: usage error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nusage: wwgen SCENARIO -o FILE [options]; 'wwgen --help' lists them\n", stderr);
	return EXIT_USAGE;
}

/* Strict unsigned decimal: digits only, no sign, no overflow. */
static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end != '\0')
		return false;
	*out = v;
	return true;
}

struct gen_opts {
	const char *out, *truth, *flows;
	enum gen_flowfmt flowfmt;
	uint64_t seed, packets, dests, snaplen;
	enum gen_link link;
	bool pcapng, stats, have_packets, have_dests;
};

static int parse_opts(int argc, char **argv, struct gen_opts *o)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"truth", required_argument, NULL, 't'},
		{"seed", required_argument, NULL, 's'},
		{"link", required_argument, NULL, 'l'},
		{"pcapng", no_argument, NULL, 'n'},
		{"snaplen", required_argument, NULL, 'L'},
		{"packets", required_argument, NULL, 'p'},
		{"dests", required_argument, NULL, 'd'},
		{"stats", no_argument, NULL, 'S'},
		{"flows", required_argument, NULL, 'F'},
		{"flows-format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->out = optarg; break;
		case 't': o->truth = optarg; break;
		case 's':
			if (!parse_u64(optarg, &o->seed))
				return usage_error("bad --seed '%s'", optarg);
			break;
		case 'l':
			if (!gen_link_parse(optarg, &o->link))
				return usage_error("unknown --link '%s'", optarg);
			break;
		case 'n': o->pcapng = true; break;
		case 'L':
			if (!parse_u64(optarg, &o->snaplen) || o->snaplen < 64 ||
			    o->snaplen > GEN_SNAPLEN)
				return usage_error("bad --snaplen '%s' (64-65535)", optarg);
			break;
		case 'p':
			if (!parse_u64(optarg, &o->packets) || o->packets == 0)
				return usage_error("bad --packets '%s'", optarg);
			o->have_packets = true;
			break;
		case 'd':
			if (!parse_u64(optarg, &o->dests))
				return usage_error("bad --dests '%s'", optarg);
			o->have_dests = true;
			break;
		case 'S': o->stats = true; break;
		case 'F': o->flows = optarg; break;
		case 'f':
			if (!gen_flowfmt_parse(optarg, &o->flowfmt))
				return usage_error("unknown --flows-format '%s' (v5, v9, ipfix)", optarg);
			break;
		case 'h':
			return help() ? 1 : -1;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!o->out)
		return usage_error("%s", "an output file is required (-o FILE)");
	return 0;
}

static ww_rc close_truth(FILE *truth, const char *path)
{
	if (!truth)
		return WW_OK;
	if (fflush(truth) != 0 || ferror(truth)) {
		gen_error("cannot write '%s': %s", path, strerror(errno ? errno : EIO));
		fclose(truth);
		return WW_ERR_IO;
	}
	if (fclose(truth) != 0) {
		gen_error("cannot close '%s': %s", path, strerror(errno));
		return WW_ERR_IO;
	}
	return WW_OK;
}

static ww_rc run(const struct gen_scenario *sc, const struct gen_opts *o, struct gen *g)
{
	FILE *truth = NULL;
	ww_rc rc, rc2;

	if (o->truth) {
		truth = fopen(o->truth, "w");
		if (!truth) {
			gen_error("cannot open '%s': %s", o->truth, strerror(errno));
			return WW_ERR_IO;
		}
		if (fputs("# addr\texpect\twhat\n", truth) < 0) {
			gen_error("cannot write '%s'", o->truth);
			fclose(truth);
			return WW_ERR_IO;
		}
	}
	rc = gen_writer_open(&g->w, o->out, o->link, o->pcapng, (uint32_t)o->snaplen);
	if (rc) {
		if (truth)
			fclose(truth);
		return rc;
	}
	if (o->flows && !(g->fe = gen_flowexp_open(o->flows, o->flowfmt))) {
		gen_writer_close(g->w);
		g->w = NULL;
		if (truth)
			fclose(truth);
		return WW_ERR_IO;
	}
	rc = sc->fn(g, truth);
	if (!rc)
		rc = g->rc;
	if (!rc)
		rc = gen_finish(g);
	rc2 = gen_flowexp_close(g->fe);
	g->fe = NULL;
	if (!rc)
		rc = rc2;
	if (!rc)
		rc = gen_marks_write(g, truth);
	gen_release(g);
	g->written = gen_writer_count(g->w);
	rc2 = gen_writer_close(g->w);
	g->w = NULL;
	if (!rc)
		rc = rc2;
	rc2 = close_truth(truth, o->truth);
	return rc ? rc : rc2;
}

int main(int argc, char **argv)
{
	const struct gen_scenario *sc = NULL;
	struct gen_opts o;
	struct gen *g;
	struct timespec t0, t1;
	int urc;
	ww_rc rc;

	if (argc < 2)
		return usage_error("%s", "a scenario is required");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return help();
	for (size_t i = 0; i < WW_ARRAY_LEN(scenarios); i++)
		if (strcmp(argv[1], scenarios[i].name) == 0)
			sc = &scenarios[i];
	if (!sc)
		return usage_error("unknown scenario '%s'", argv[1]);

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.packets = 2000000;
	o.dests = 1100000;
	o.link = GEN_LINK_EN10MB;
	o.snaplen = GEN_SNAPLEN;
	o.flowfmt = GEN_FLOWS_IPFIX;
	urc = parse_opts(argc - 1, argv + 1, &o);
	if (urc)
		return urc < 0 ? 0 : urc;
	if ((o.have_packets && !sc->sized) || (o.have_dests && sc->fn != gen_scn_bench))
		return usage_error("%s", "--packets is for bench and officemix, --dests for bench "
					 "only");
	if (sc->fn == gen_scn_bench && o.dests > o.packets)
		return usage_error("%s", "--dests must not exceed --packets");

	g = ww_calloc(1, sizeof(*g));
	if (!g) {
		gen_error("out of memory");
		return 1;
	}
	gen_rng_seed(&g->rng, o.seed);
	gen_filler_init(g);
	g->stream = sc->stream;
	g->opt_packets = o.packets;
	g->opt_dests = o.dests;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = run(sc, &o, g);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!rc && o.stats)
		fprintf(stderr, "wwgen: %s: %llu packets in %.2f s\n", o.out,
			(unsigned long long)g->written,
			(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(g);
	return rc ? 1 : 0;
}
