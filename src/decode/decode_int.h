/* Internal interfaces between the decoders of decode/. Each takes a cursor
 * positioned at its header and fills the packet. */
#ifndef WW_DECODE_INT_H
#define WW_DECODE_INT_H

#include "core/cursor.h"
#include "decode/packet.h"

ww_rc ww_decode_ipv4(struct ww_cur *c, struct ww_pkt *p);
ww_rc ww_decode_ipv6(struct ww_cur *c, struct ww_pkt *p);
ww_rc ww_decode_arp(struct ww_cur *c, struct ww_pkt *p);
ww_rc ww_decode_transport(struct ww_cur *c, struct ww_pkt *p);

#endif
