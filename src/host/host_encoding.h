/* Sniff the encoding of a collected file and convert it to UTF-8. */
#ifndef WW_HOST_ENCODING_H
#define WW_HOST_ENCODING_H

#include <stddef.h>

#include "core/buf.h"
#include "core/result.h"

/* Convert n bytes of in to UTF-8 in out (reset first); *encoding names what
 * was detected ("UTF-16LE", "UTF-8", "CP932", "CP850"...). */
ww_rc ww_host_to_utf8(const char *in, size_t n, struct ww_buf *out, const char **encoding);

#endif
