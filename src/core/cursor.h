/* Bounds-checked reads of untrusted bytes. Every getter returns a ww_rc:
 * WW_ERR_TRUNCATED when the bytes are not there (never reads past `len`).
 * Multi-byte values are assembled byte by byte: no casts of packet memory to
 * structs and no unaligned loads. "Truncated" (bytes missing) is kept apart
 * from "invalid" (bytes present but wrong), which callers report as
 * WW_ERR_FORMAT. */
#ifndef WW_CORE_CURSOR_H
#define WW_CORE_CURSOR_H

#include <stddef.h>
#include <stdint.h>

#include "core/result.h"

struct ww_cur {
	const uint8_t *p; /* start of the region */
	size_t len;       /* bytes in the region */
	size_t off;       /* next byte to read */
};

static inline struct ww_cur ww_cur_make(const uint8_t *p, size_t len)
{
	struct ww_cur c = {p, len, 0};
	return c;
}

static inline size_t ww_cur_left(const struct ww_cur *c) { return c->len - c->off; }
static inline const uint8_t *ww_cur_ptr(const struct ww_cur *c) { return c->p + c->off; }

static inline ww_rc ww_cur_need(const struct ww_cur *c, size_t n)
{
	return n <= c->len - c->off ? WW_OK : WW_ERR_TRUNCATED;
}

static inline ww_rc ww_cur_skip(struct ww_cur *c, size_t n)
{
	if (ww_cur_need(c, n))
		return WW_ERR_TRUNCATED;
	c->off += n;
	return WW_OK;
}

static inline ww_rc ww_cur_u8(struct ww_cur *c, uint8_t *v)
{
	if (ww_cur_need(c, 1))
		return WW_ERR_TRUNCATED;
	*v = c->p[c->off++];
	return WW_OK;
}

static inline ww_rc ww_cur_be16(struct ww_cur *c, uint16_t *v)
{
	if (ww_cur_need(c, 2))
		return WW_ERR_TRUNCATED;
	*v = (uint16_t)((unsigned)c->p[c->off] << 8 | c->p[c->off + 1]);
	c->off += 2;
	return WW_OK;
}

static inline ww_rc ww_cur_be32(struct ww_cur *c, uint32_t *v)
{
	if (ww_cur_need(c, 4))
		return WW_ERR_TRUNCATED;
	*v = (uint32_t)c->p[c->off] << 24 | (uint32_t)c->p[c->off + 1] << 16 |
	     (uint32_t)c->p[c->off + 2] << 8 | c->p[c->off + 3];
	c->off += 4;
	return WW_OK;
}

static inline ww_rc ww_cur_le16(struct ww_cur *c, uint16_t *v)
{
	if (ww_cur_need(c, 2))
		return WW_ERR_TRUNCATED;
	*v = (uint16_t)(c->p[c->off] | (unsigned)c->p[c->off + 1] << 8);
	c->off += 2;
	return WW_OK;
}

static inline ww_rc ww_cur_le32(struct ww_cur *c, uint32_t *v)
{
	if (ww_cur_need(c, 4))
		return WW_ERR_TRUNCATED;
	*v = (uint32_t)c->p[c->off] | (uint32_t)c->p[c->off + 1] << 8 |
	     (uint32_t)c->p[c->off + 2] << 16 | (uint32_t)c->p[c->off + 3] << 24;
	c->off += 4;
	return WW_OK;
}

/* Copy n bytes out. */
static inline ww_rc ww_cur_copy(struct ww_cur *c, void *dst, size_t n)
{
	size_t i;
	if (ww_cur_need(c, n))
		return WW_ERR_TRUNCATED;
	for (i = 0; i < n; i++)
		((uint8_t *)dst)[i] = c->p[c->off + i];
	c->off += n;
	return WW_OK;
}

/* Carve a sub-cursor of n bytes and advance past it. */
static inline ww_rc ww_cur_sub(struct ww_cur *c, size_t n, struct ww_cur *sub)
{
	if (ww_cur_need(c, n))
		return WW_ERR_TRUNCATED;
	*sub = ww_cur_make(c->p + c->off, n);
	c->off += n;
	return WW_OK;
}

/* A fixed-size header in one check: a pointer to the next n bytes (and
 * the cursor moved past them), or NULL with nothing consumed when fewer
 * are left. Fields are then read from it with ww_get_be16/ww_get_be32 at
 * offsets below n. */
static inline const uint8_t *ww_cur_take(struct ww_cur *c, size_t n)
{
	const uint8_t *p;
	if (ww_cur_need(c, n))
		return NULL;
	p = c->p + c->off;
	c->off += n;
	return p;
}

static inline uint16_t ww_get_be16(const uint8_t *p) { return (uint16_t)((unsigned)p[0] << 8 | p[1]); }

static inline uint32_t ww_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Peek without advancing. */
static inline ww_rc ww_cur_peek_u8(const struct ww_cur *c, size_t at, uint8_t *v)
{
	if (at >= c->len - c->off)
		return WW_ERR_TRUNCATED;
	*v = c->p[c->off + at];
	return WW_OK;
}

#endif
