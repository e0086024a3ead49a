/* The terminal escaper: the one place that decides how text that came from
 * the input is shown on a terminal (stdout or stderr). C0 controls (tab and
 * newline included), ESC, DEL, C1 controls (U+0080..U+009F, as their UTF-8
 * second byte) and bytes that are not valid UTF-8 are shown as \xNN; valid
 * UTF-8 passes. A hostile name can then neither move the cursor, set the
 * window title, clear the screen nor forge a line of its own.
 *
 * report/writer.c (ww_out_text_safe) and core/diag.c (ww_error, ww_warn)
 * both go through ww_esc_text(); programs that print a line themselves use
 * ww_esc_text_buf(). */
#ifndef WW_CORE_ESCAPE_H
#define WW_CORE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is invalid
 * (overlong, surrogate, above U+10FFFF, cut short by a NUL). */
size_t ww_utf8_len(const unsigned char *s);

/* Escape the NUL-terminated s, handing runs of output to emit(ud, p, n). */
typedef void (*ww_esc_emit_fn)(void *ud, const char *p, size_t n);
void ww_esc_text(const char *s, ww_esc_emit_fn emit, void *ud);

/* Escape s into dst (cap bytes, always NUL-terminated when cap > 0). An
 * escape is never cut in half; returns dst. */
char *ww_esc_text_buf(char *dst, size_t cap, const char *s);

/* Escape s onto a stdio stream; returns the stream's ferror() state. */
int ww_esc_text_file(FILE *f, const char *s);

#endif
