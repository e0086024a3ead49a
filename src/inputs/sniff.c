/* What an input looks like, told from its first bytes.
 *
 * To add a kind: write a match function over the first WW_SNIFF_HEAD bytes
 * (bounded by n, never past it) and add a row to kinds[] below; the phrase
 * reads after "'FILE' is ..." and, where another command reads the kind,
 * names that command. A test in tests/inputs/sniff.sh feeds one. */
#include "core/common.h"
#include "core/i18n.h"
#include "inputs/sniff.h"

#include <stdio.h>

static bool starts(const unsigned char *b, size_t n, const void *m, size_t k)
{
	return n >= k && memcmp(b, m, k) == 0;
}

static bool is_pcap(const unsigned char *b, size_t n)
{
	return starts(b, n, "\xd4\xc3\xb2\xa1", 4) || starts(b, n, "\xa1\xb2\xc3\xd4", 4) ||
	       starts(b, n, "\x4d\x3c\xb2\xa1", 4) || starts(b, n, "\xa1\xb2\x3c\x4d", 4);
}

/* a Section Header Block with its byte-order magic */
static bool is_pcapng(const unsigned char *b, size_t n)
{
	return starts(b, n, "\x0a\x0d\x0d\x0a", 4) && n >= 12 &&
	       (memcmp(b + 8, "\x1a\x2b\x3c\x4d", 4) == 0 || memcmp(b + 8, "\x4d\x3c\x2b\x1a", 4) == 0);
}

/* nfdump's nffile header: magic 0xA50C, layout version 1 or 2 (little endian) */
static bool is_nfdump(const unsigned char *b, size_t n)
{
	return n >= 4 && b[0] == 0x0c && b[1] == 0xa5 && (b[2] == 1 || b[2] == 2) && b[3] == 0;
}

static bool is_regf(const unsigned char *b, size_t n) { return starts(b, n, "regf", 4); }
static bool is_elf(const unsigned char *b, size_t n) { return starts(b, n, "\x7f" "ELF", 4); }
static bool is_pe(const unsigned char *b, size_t n) { return starts(b, n, "MZ", 2) && n >= 64; }
static bool is_pdf(const unsigned char *b, size_t n) { return starts(b, n, "%PDF-", 5); }
static bool is_zip(const unsigned char *b, size_t n) { return starts(b, n, "PK\x03\x04", 4); }
static bool is_evtx(const unsigned char *b, size_t n) { return starts(b, n, "ElfFile\0", 8); }
static bool is_sqlite(const unsigned char *b, size_t n)
{
	return starts(b, n, "SQLite format 3\0", 16);
}
static bool is_tar(const unsigned char *b, size_t n)
{
	return n >= 262 && memcmp(b + 257, "ustar", 5) == 0;
}

/* the text after a UTF-8 byte-order mark and blank space */
static size_t text_start(const unsigned char *b, size_t n)
{
	size_t i = starts(b, n, "\xef\xbb\xbf", 3) ? 3 : 0;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	return i;
}

static bool starts_ci(const unsigned char *b, size_t n, const char *word)
{
	size_t k = strlen(word), i;
	if (n < k)
		return false;
	for (i = 0; i < k; i++) {
		unsigned char c = b[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		if (c != (unsigned char)word[i])
			return false;
	}
	return true;
}

static bool is_html(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n);
	return starts_ci(b + i, n - i, "<!doctype html") || starts_ci(b + i, n - i, "<html") ||
	       starts_ci(b + i, n - i, "<head") ||
	       (starts_ci(b + i, n - i, "<!--") && memmem(b, n, "<html", 5) != NULL);
}

static bool is_xml(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n);
	return starts_ci(b + i, n - i, "<?xml");
}

static bool is_json(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n);
	return i < n && (b[i] == '{' || (b[i] == '[' && i + 1 < n &&
	                 (b[i + 1] == '{' || b[i + 1] == '\n' || b[i + 1] == ' ' || b[i + 1] == '"')));
}

/* Argus's binetflow CSV (the CTU-13 captures' flows) */
static bool is_binetflow(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n);
	return starts(b + i, n - i, "StartTime,Dur,Proto,SrcAddr", 27);
}

/* Markdown: a heading on the first line, or a link/fence early on */
static bool is_markdown(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n);
	return (i + 2 <= n && b[i] == '#' && (b[i + 1] == ' ' || b[i + 1] == '#')) ||
	       memmem(b, n, "\n```", 4) != NULL || memmem(b, n, "](http", 6) != NULL;
}

/* The first line, up to n bytes */
static size_t first_line(const unsigned char *b, size_t n)
{
	const unsigned char *nl = memchr(b, '\n', n);
	return nl ? (size_t)(nl - b) : n;
}

/* /proc/net/nf_conntrack ("ipv4     2 tcp      6 ...") or conntrack -L
 * ("tcp      6 431999 ESTABLISHED src=...") */
static bool is_conntrack(const unsigned char *b, size_t n)
{
	size_t i = text_start(b, n), k;
	b += i;
	n -= i;
	k = first_line(b, n);
	return (starts(b, k, "ipv4 ", 5) || starts(b, k, "ipv6 ", 5) || starts(b, k, "tcp ", 4) ||
	        starts(b, k, "udp ", 4)) &&
	       memmem(b, k, " src=", 5) != NULL && memmem(b, k, " dst=", 5) != NULL;
}

/* a kernel LOG line (iptables/nftables): SRC=, DST= and PROTO= */
static bool is_netfilter_log(const unsigned char *b, size_t n)
{
	size_t k = first_line(b, n);
	return memmem(b, k, "SRC=", 4) != NULL && memmem(b, k, "DST=", 4) != NULL &&
	       memmem(b, k, "PROTO=", 6) != NULL;
}

struct sniff_kind {
	bool (*match)(const unsigned char *b, size_t n);
	const char *what;
};

static const struct sniff_kind kinds[] = {
	{is_pcap, N_("a pcap capture: use `wormwatch analyze`")},
	{is_pcapng, N_("a pcapng capture: use `wormwatch analyze`")},
	{is_nfdump, N_("an nfdump flow file: use `wormwatch flows`")},
	{is_binetflow, N_("an Argus flow CSV (binetflow): use `wormwatch flows`")},
	{is_conntrack, N_("a connection-table dump: use `wormwatch nat`")},
	{is_netfilter_log, N_("a firewall log: use `wormwatch logs`")},
	{is_regf, N_("a Windows registry hive: use `wormwatch host --offline` on the volume")},
	{is_evtx, N_("a Windows event log (.evtx)")},
	{is_elf, N_("a program (ELF)")},
	{is_pe, N_("a Windows program (MZ/PE)")},
	{is_pdf, N_("a PDF document")},
	{is_zip, N_("a ZIP archive (unpack it first)")},
	{is_tar, N_("a tar archive (unpack it first)")},
	{is_sqlite, N_("an SQLite database")},
	{is_html, N_("an HTML page")},
	{is_xml, N_("an XML document")},
	{is_json, N_("JSON data")},
	{is_markdown, N_("a Markdown document")},
};

bool ww_sniff_capture(const unsigned char *b, size_t n)
{
	return is_pcap(b, n) || is_pcapng(b, n);
}

static bool binary(const unsigned char *b, size_t n)
{
	size_t i, bad = 0;
	for (i = 0; i < n; i++)
		bad += b[i] < 0x20 && !(b[i] >= 0x09 && b[i] <= 0x0d) && b[i] != 0x1b;
	return bad * 20 > n;
}

const char *ww_sniff_what(const unsigned char *b, size_t n, enum ww_zkind packed,
                          const char *text_kind, char *out, size_t len)
{
	const char *what = NULL;
	char tmp[160];
	size_t i;
	n = WW_MIN(n, (size_t)WW_SNIFF_HEAD);
	for (i = 0; i < WW_ARRAY_LEN(kinds) && !what; i++)
		if (kinds[i].match(b, n))
			what = _(kinds[i].what);
	if (!what && n == 0) {
		what = _("empty");
	} else if (!what && (binary(b, n) || ww_z_sniff(b, n))) {
		enum ww_zkind inner = ww_z_sniff(b, n);
		if (inner)
			snprintf(tmp, sizeof(tmp), _("%s data"), ww_z_name(inner));
		else if (n >= 4)
			snprintf(tmp, sizeof(tmp), _("binary data (starts with bytes %02x %02x %02x %02x)"),
			         b[0], b[1], b[2], b[3]);
		else
			snprintf(tmp, sizeof(tmp), "%s", _("binary data"));
		what = tmp;
	} else if (!what) {
		snprintf(tmp, sizeof(tmp), "%s", text_kind);
		what = tmp;
	}
	if (packed)
		snprintf(out, len, _("%s data holding %s"), ww_z_name(packed), what);
	else
		snprintf(out, len, "%s", what);
	return out;
}
