/* Opening an input file without trusting what the name points at (issue
 * 14 point 8). The file type is checked before a byte is read:
 *  - a regular file: its size against the caller's cap first (nothing is
 *    read of a file over it);
 *  - a FIFO: opened without blocking, so a FIFO with no writer is an empty
 *    input, not a hang (a writer that keeps it open without writing is a
 *    live stream and is read as one);
 *  - a character or block device (/dev/zero, /dev/urandom, a disk) or a
 *    socket: refused (but /dev/null, an empty input); standard input ("-") is the way to stream one on
 *    purpose, and there the text readers stop on bytes that cannot be text
 *    (ww_input_binary);
 *  - a folder: refused (callers that take folders look first).
 * `why` then holds a phrase for the message ("cannot open 'x': <why>"). */
#ifndef WW_CORE_INPUT_H
#define WW_CORE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/result.h"

/* Open path for reading. max_size 0: no cap. On success *fd is a blocking
 * descriptor. WW_ERR_IO (errno in *err, why = strerror), WW_ERR_LIMIT
 * (over max_size), WW_ERR_UNSUPPORTED (a device, socket or folder). */
ww_rc ww_input_open(const char *path, uint64_t max_size, int *fd, int *err, const char **why);

/* The same as a stdio stream ("rb"). */
FILE *ww_input_fopen(const char *path, uint64_t max_size, ww_rc *rc, int *err,
                     const char **why);

/* Bytes that cannot be text: NUL and C0 controls other than tab, newline,
 * vertical tab, form feed, carriage return and ESC. True when more than
 * 1 in 20 of the first 64 KiB of buf are such bytes (text logs have none;
 * /dev/urandom has 1 in 9, /dev/zero nothing else). */
bool ww_input_binary(const char *buf, size_t len);

#endif
