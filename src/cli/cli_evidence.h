/* analyze --write-evidence FILE.pcap (-w, as in tcpdump): the packets behind
 * each culprit's verdict, for Wireshark.
 *
 * The design: a second pass. After the report is built, the hosts judged
 * scanner or infected are the culprits; the inputs (regular files or
 * folders, not a pipe: checked before the analysis starts) are read again in the same time order and
 * every frame that has a culprit at one end (IP source or destination, ARP
 * sender or target) is written, up to WW_EVIDENCE_PER_HOST frames per
 * culprit: its first contacts, the answers to them and whatever else it
 * exchanged, from the start. A frame counts against the culprits it
 * involves and is kept while one of them has room. Frames of other hosts
 * are never written. The file is a classic pcap with the first input's
 * link type (frames of another link type are counted and left out), made
 * with libpcap's dumper on a file opened without following links. */
#ifndef WW_CLI_CLI_EVIDENCE_H
#define WW_CLI_CLI_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "findings/finding.h"

#define WW_EVIDENCE_PER_HOST 1000

struct ww_evidence_stats {
	size_t culprits;
	uint64_t written;       /* frames written */
	uint64_t over_budget;   /* culprit frames past the per-host cap */
	uint64_t other_linktype;
};

/* Before the analysis: every input a regular file, none of them the
 * evidence file itself. 0, or 64 (the error is printed). */
int cli_evidence_check(const char *path, char *const *files, size_t n);
/* Write the file; 0, or an exit status (the error is printed). */
int cli_write_evidence(const char *path, char *const *files, size_t n, const struct ww_report *r,
                       struct ww_evidence_stats *st);

#endif
