/* What an input looks like, from its first bytes, for the message when a
 * command understood none of it (issue 13: no false all-clear). One
 * table (sniff.c) used by logs, nat and host: "a pcap file: use `wormwatch
 * analyze`", "an nfdump file: use `wormwatch flows`", "an HTML page"...
 * Text that matches no row is named by the caller. */
#ifndef WW_INPUTS_SNIFF_H
#define WW_INPUTS_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "inputs/source.h"

#define WW_SNIFF_HEAD 512 /* bytes the sniffer looks at */

/* A phrase for the bytes b (the start of the data, decompressed if it was
 * compressed; packed is the compression it came in, WW_Z_NONE if none).
 * text_kind is the phrase for text that matches no row ("text in none of
 * the formats it reads"). The phrase is written to out: "a pcap capture:
 * use `wormwatch analyze`", "gzip data holding an HTML page". */
const char *ww_sniff_what(const unsigned char *b, size_t n, enum ww_zkind packed,
                          const char *text_kind, char *out, size_t len);
/* True when the bytes are a capture (pcap or pcapng). */
bool ww_sniff_capture(const unsigned char *b, size_t n);

#endif
