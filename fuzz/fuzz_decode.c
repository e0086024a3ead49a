/* Fuzz every link-layer, network and transport decoder: the first byte
 * picks the link type, the rest is one frame, decoded and fed to an engine
 * so the state code sees whatever the decoders let through. */
#include "core/common.h"
#include "decode/packet.h"
#include "state/engine.h"

#include <pcap/dlt.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int dlts[] = {DLT_EN10MB, DLT_LINUX_SLL, 276, DLT_RAW, DLT_NULL, DLT_LOOP, 228, 229};
	static struct ww_engine *e;
	struct ww_pkt p;
	uint8_t *frame;
	if (size < 1)
		return 0;
	if (!e) {
		struct ww_engine_config c;
		ww_engine_config_init(&c);
		c.judge_all = true;
		c.bloom_log2_bits = 16;
		c.max_hosts = 1024;
		c.max_pending = 1024;
		c.hash_seed = 1;
		if (ww_engine_new(&c, &e))
			return 0;
	}
	/* an exact-size copy so an over-read trips ASan */
	frame = malloc(size - 1 ? size - 1 : 1);
	if (!frame)
		return 0;
	memcpy(frame, data + 1, size - 1);
	if (ww_decode(dlts[data[0] % (sizeof(dlts) / sizeof(dlts[0]))], frame, (uint32_t)(size - 1),
	              (uint32_t)(size - 1), 1000000, &p) != WW_ERR_UNSUPPORTED)
		ww_engine_packet(e, &p);
	free(frame);
	return 0;
}
