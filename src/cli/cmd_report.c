/* wormwatch report: one self-contained HTML incident report from the JSON
 * results of the other subcommands (see src/html/html.h and
 * docs/html-report.md). The page goes to -o FILE (written beside it under
 * a temporary name and renamed into place, so a reader never sees half a
 * page; the path is printed) or to standard output. */
#include "core/common.h"
#include "cli/commands.h"
#include "cli/cli_out.h"
#include "html/html.h"
#include "report/writer.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int64_t now_us(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
}

static int load_rc_exit(ww_rc rc)
{
	switch (rc) {
	case WW_ERR_IO: return WW_EXIT_NOINPUT;
	case WW_ERR_USAGE: return WW_EXIT_USAGE;
	case WW_ERR_FORMAT:
	case WW_ERR_TRUNCATED:
	case WW_ERR_LIMIT: return WW_EXIT_DATAERR;
	default: return ww_rc_exit(rc);
	}
}

/* "ADDR=FILE": a host result and the machine it was collected on */
static const char *split_attach(const char *arg, char *addr, size_t len)
{
	const char *eq = strchr(arg, '=');
	struct ww_addr a;
	if (!eq || (size_t)(eq - arg) >= len || eq == arg)
		return NULL;
	memcpy(addr, arg, (size_t)(eq - arg));
	addr[eq - arg] = '\0';
	if (ww_addr_parse(addr, &a) != WW_OK)
		return NULL; /* a file name with '=' in it */
	return eq + 1;
}

static int write_page(struct ww_hr *hr, const struct ww_hr_opts *ho, const char *path)
{
	struct ww_out o;
	char *tmp = NULL;
	FILE *f = stdout;
	int fd = -1;
	ww_rc rc;
	if (path) {
		size_t n = strlen(path) + 16;
		tmp = malloc(n);
		if (!tmp)
			return WW_EXIT_SOFTWARE;
		snprintf(tmp, n, "%s.tmp.XXXXXX", path);
		fd = mkstemp(tmp);
		if (fd < 0 || !(f = fdopen(fd, "w"))) {
			ww_error("cannot write '%s': %s", path, strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			free(tmp);
			return WW_EXIT_IOERR;
		}
		(void)fchmod(fd, 0644); /* mkstemp made it 0600; a report is to be shared */
	}
	ww_out_init(&o, f);
	rc = ww_hr_write(hr, &o, ho);
	if (!rc)
		rc = ww_out_finish(&o);
	if (path) {
		if (fclose(f) != 0 && !rc) {
			rc = WW_ERR_IO;
			o.err = errno;
		}
		if (!rc && rename(tmp, path) != 0) {
			rc = WW_ERR_IO;
			o.err = errno;
		}
		if (rc)
			unlink(tmp);
		free(tmp);
	}
	if (rc == WW_ERR_IO) {
		ww_error("cannot write the report to '%s': %s", path ? path : "standard output",
		         strerror(o.err));
		return WW_EXIT_IOERR;
	}
	if (rc) {
		ww_error("cannot build the report: %s", ww_rc_str(rc));
		return WW_EXIT_SOFTWARE;
	}
	if (path)
		printf("%s\n", path);
	return 0;
}

enum { REPORT_OPT_TITLE = 256, REPORT_OPT_DONE, REPORT_OPT_CHARTJS, REPORT_OPT_SVG };

int cmd_report(int argc, char **argv)
{
	/* -t, -d, -c and -s mean other things in other commands: these options
	 * are long only */
	static const struct cli_opt opts[] = {
		{"output", 'o', required_argument, "FILE.html",
		 N_("write the page to FILE.html (written whole, then renamed) instead of standard output")},
		{"format", CLI_OPT_FORMAT, required_argument, "html", N_("html, the only one")},
		{"title", REPORT_OPT_TITLE, required_argument, "TEXT", N_("the page's title")},
		{"done", REPORT_OPT_DONE, required_argument, "ADDR:STEPS",
		 N_("steps done on a host: clean, rebuilt, patched, passwords (comma-separated)")},
		{"chartjs", REPORT_OPT_CHARTJS, required_argument, "PATH",
		 N_("Chart.js to inline (default: Debian's libjs-chart.js)")},
		{"svg-charts", REPORT_OPT_SVG, no_argument, NULL, N_("draw the charts as SVG, no script")},
		CLI_HELP_OPTION,
		{NULL, 0, 0, NULL, NULL},
	};
	struct cli_parse p;
	struct ww_hr_opts ho;
	struct ww_hr *hr;
	const char *out = NULL;
	const char **done = NULL;
	size_t n_done = 0;
	int opt, i, status = 0;
	ww_rc rc = WW_OK;
	memset(&ho, 0, sizeof(ho));
	ho.chartjs_path = ww_hr_chartjs_default();
	done = calloc((size_t)argc + 1, sizeof(*done));
	if (!done)
		return WW_EXIT_SOFTWARE;
	cli_parse_init(&p, "report", opts, false);
	while ((opt = cli_next(&p, argc, argv)) != -1) {
		switch (opt) {
		case 'o': out = strcmp(optarg, "-") ? optarg : NULL; break;
		case CLI_OPT_FORMAT:
			if (strcmp(optarg, "html")) {
				free(done);
				ww_error("report writes html, not '%.40s'", optarg);
				return WW_EXIT_USAGE;
			}
			break;
		case REPORT_OPT_TITLE: ho.title = optarg; break;
		case REPORT_OPT_DONE: done[n_done++] = optarg; break;
		case REPORT_OPT_CHARTJS: ho.chartjs_path = optarg; break;
		case REPORT_OPT_SVG: ho.chartjs_path = NULL; break;
		case 'h':
			free(done);
			cli_help(&p);
			printf("\n%s\n", _("RESULT: the JSON of analyze, nat, logs, watch (or its --json-out "
			                    "lines), host, verify, contain;\nADDR=FILE names the machine a host "
			                    "result was collected on"));
			return 0;
		default:
			free(done);
			return WW_EXIT_USAGE; /* cli_next printed why and the usage */
		}
	}
	if (optind >= argc) {
		free(done);
		ww_error("no input: give the JSON results to build the report from (see wormwatch "
		         "report --help)");
		return WW_EXIT_USAGE;
	}
	hr = ww_hr_new();
	if (!hr) {
		free(done);
		return WW_EXIT_SOFTWARE;
	}
	for (i = optind; i < argc && !rc; i++) {
		char addr[64];
		const char *file = split_attach(argv[i], addr, sizeof(addr));
		rc = file ? ww_hr_load_file(hr, file, addr) : ww_hr_load_file(hr, argv[i], NULL);
	}
	for (i = 0; (size_t)i < n_done && !rc; i++)
		rc = ww_hr_mark_done(hr, done[i]);
	free(done);
	if (rc) {
		ww_hr_free(hr);
		return load_rc_exit(rc);
	}
	ho.now_us = now_us();
	status = write_page(hr, &ho, out);
	ww_hr_free(hr);
	return status;
}
