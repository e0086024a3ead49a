/* The board: what the capture thread publishes and the HTTP threads serve.
 *
 * The capture path never waits on a client. It hands over finished,
 * immutable blobs (JSON text made once per change, whatever the number of
 * readers): the latest state (a generation-counted snapshot) and discrete
 * events (alerts, containment actions) in a ring of fixed size. The one
 * mutex is held only to swap a pointer or take a reference, never across
 * I/O, allocation of a blob or formatting. A reader that falls more than
 * the ring behind loses its place and is dropped by the HTTP side. */
#ifndef WW_LIVE_BOARD_H
#define WW_LIVE_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

#define WW_BOARD_EVENTS 1024 /* events kept for late and slow readers */

/* An immutable, reference-counted piece of text (one JSON document without
 * a newline, so that it fits one SSE data line). */
struct ww_blob {
	unsigned refs;   /* under the board's mutex */
	size_t len;
	char data[];     /* len bytes and a NUL */
};

enum ww_board_kind { WW_BOARD_ALERT = 0, WW_BOARD_ACTION };
const char *ww_board_kind_name(enum ww_board_kind k);

struct ww_board;

ww_rc ww_board_new(struct ww_board **out);
/* Wake every waiting reader for good (shutdown); later waits return at once. */
void ww_board_close(struct ww_board *b);
void ww_board_free(struct ww_board *b);

/* A new blob holding len bytes of s, newlines turned into spaces (JSON
 * keeps newlines only as whitespace between tokens). NULL when out of memory. */
struct ww_blob *ww_blob_new(const char *s, size_t len);

/* Capture side. Both take ownership of the blob (NULL is ignored). */
void ww_board_set_state(struct ww_board *b, struct ww_blob *state);
void ww_board_set_hosts(struct ww_board *b, struct ww_blob *hosts);
void ww_board_push(struct ww_board *b, enum ww_board_kind k, struct ww_blob *ev);

/* Reader side: each returned blob is a reference the caller gives back
 * with ww_board_put(). */
struct ww_blob *ww_board_state(struct ww_board *b, uint64_t *gen);
struct ww_blob *ww_board_hosts(struct ww_board *b);
void ww_board_put(struct ww_board *b, struct ww_blob *x);

/* The next event at or after *seq. Returns 1 with *ev, *kind and *seq (the
 * event's number) set; 0 when there is none yet; -1 when *seq fell out of
 * the ring (the reader lagged). */
int ww_board_event(struct ww_board *b, uint64_t *seq, struct ww_blob **ev,
                   enum ww_board_kind *kind);
/* The number the next event will get (a new reader starts here). */
uint64_t ww_board_next_seq(struct ww_board *b);
/* Every kept event of kind k as a JSON array `[e1,e2,...]`, oldest first,
 * into a fresh malloc'd string (NULL when out of memory). */
char *ww_board_events_json(struct ww_board *b, enum ww_board_kind k, size_t *len);

/* Wait until the state's generation differs from gen or an event at or
 * after seq exists, the board is closed, or timeout_ms passes. Returns true
 * when something is there. */
bool ww_board_wait(struct ww_board *b, uint64_t gen, uint64_t seq, int timeout_ms);
bool ww_board_closed(struct ww_board *b);

#endif
