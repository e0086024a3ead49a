#include "core/common.h"
#include "core/input.h"
#include "inputs/source.h"
#include "core/i18n.h"

#include <bzlib.h>
#include <errno.h>
#include <lzma.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#define ZIN_BLOCK (1u << 16)
#define XZ_MEMLIMIT (256ull << 20)
#define ZSTD_WINDOWLOG_MAX 27 /* 128 MiB, zstd's default limit */

enum z_fail { Z_FAIL_NONE, Z_FAIL_DAMAGED, Z_FAIL_CUT, Z_FAIL_LIMIT, Z_FAIL_IO };

struct ww_zstate {
	int fd;
	enum ww_zkind kind;
	bool plain;              /* no decoder: the prefix, then the descriptor */
	unsigned char *in;       /* ZIN_BLOCK bytes */
	size_t in_pos, in_len;   /* unread input is in[in_pos, in_len) */
	bool in_eof, out_eof;
	uint64_t in_total;       /* bytes read from fd */
	uint64_t out_total, max_out;
	enum z_fail fail;
	int err;                 /* Z_FAIL_IO */
	char what[192];          /* the decoder's word for the damage */
	uint64_t fail_at;        /* compressed offset of the failure */
	union {
		z_stream gz;
		bz_stream bz;
		lzma_stream xz;
		ZSTD_DStream *zs;
	} u;
	bool started;            /* the decoder is initialised */
	size_t zstd_left;        /* zstd: the last return (0 = at a frame's end) */
};

enum ww_zkind ww_z_sniff(const unsigned char *b, size_t n)
{
	if (n >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8)
		return WW_Z_GZIP;
	if (n >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
		return WW_Z_BZIP2;
	if (n >= 6 && memcmp(b, "\xfd" "7zXZ\0", 6) == 0)
		return WW_Z_XZ;
	if (n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd)
		return WW_Z_ZSTD;
	return WW_Z_NONE;
}

const char *ww_z_name(enum ww_zkind k)
{
	static const char *const names[] = {"", "gzip", "bzip2", "xz", "zstd"};
	return (unsigned)k < WW_ARRAY_LEN(names) ? names[k] : "";
}

/* compressed bytes consumed by the decoder */
static uint64_t consumed(const struct ww_zstate *z)
{
	return z->in_total - (uint64_t)(z->in_len - z->in_pos);
}

static void fail(struct ww_zstate *z, enum z_fail f, const char *what)
{
	if (z->fail)
		return;
	z->fail = f;
	z->fail_at = consumed(z);
	snprintf(z->what, sizeof(z->what), "%s", what ? what : "");
}

/* More compressed bytes when all are used; false at end of file or error. */
static bool fill(struct ww_zstate *z)
{
	ssize_t n;
	if (z->in_pos < z->in_len)
		return true;
	if (z->in_eof)
		return false;
	n = read(z->fd, z->in, ZIN_BLOCK); /* EINTR too: a caught signal stops the read */
	if (n < 0) {
		z->err = errno;
		fail(z, Z_FAIL_IO, strerror(errno));
		return false;
	}
	z->in_pos = 0;
	z->in_len = (size_t)n;
	z->in_total += (uint64_t)n;
	if (n == 0)
		z->in_eof = true;
	return n > 0;
}

/* At least `need` unread input bytes if the file has them (moved to the
 * front of the block first). */
static void ensure(struct ww_zstate *z, size_t need)
{
	while (z->in_len - z->in_pos < need && !z->in_eof && !z->fail) {
		ssize_t n;
		if (z->in_pos) {
			memmove(z->in, z->in + z->in_pos, z->in_len - z->in_pos);
			z->in_len -= z->in_pos;
			z->in_pos = 0;
		}
		do
			n = read(z->fd, z->in + z->in_len, ZIN_BLOCK - z->in_len);
		while (n < 0 && errno == EINTR);
		if (n < 0) {
			z->err = errno;
			fail(z, Z_FAIL_IO, strerror(errno));
			return;
		}
		if (n == 0)
			z->in_eof = true;
		z->in_len += (size_t)n;
		z->in_total += (uint64_t)n;
	}
}

/* After one stream ends: another one follows (concatenated .gz/.bz2
 * members), or anything else, ignored as gzip(1) ignores trailing zeros. */
static bool next_member(struct ww_zstate *z, enum ww_zkind k)
{
	ensure(z, 6);
	return ww_z_sniff(z->in + z->in_pos, z->in_len - z->in_pos) == k;
}

static bool start(struct ww_zstate *z)
{
	switch (z->kind) {
	case WW_Z_GZIP:
		memset(&z->u.gz, 0, sizeof(z->u.gz));
		z->started = inflateInit2(&z->u.gz, 15 + 16) == Z_OK;
		break;
	case WW_Z_BZIP2:
		memset(&z->u.bz, 0, sizeof(z->u.bz));
		z->started = BZ2_bzDecompressInit(&z->u.bz, 0, 0) == BZ_OK;
		break;
	case WW_Z_XZ: {
		lzma_stream init = LZMA_STREAM_INIT;
		z->u.xz = init;
		z->started = lzma_stream_decoder(&z->u.xz, XZ_MEMLIMIT, LZMA_CONCATENATED) == LZMA_OK;
		break;
	}
	case WW_Z_ZSTD:
		z->u.zs = ZSTD_createDStream();
		z->started = z->u.zs &&
		             !ZSTD_isError(ZSTD_DCtx_setParameter(z->u.zs, ZSTD_d_windowLogMax,
		                                                  ZSTD_WINDOWLOG_MAX));
		z->zstd_left = 0;
		break;
	default:
		z->started = false;
	}
	return z->started;
}

static void stop(struct ww_zstate *z)
{
	if (!z->started)
		return;
	switch (z->kind) {
	case WW_Z_GZIP: inflateEnd(&z->u.gz); break;
	case WW_Z_BZIP2: BZ2_bzDecompressEnd(&z->u.bz); break;
	case WW_Z_XZ: lzma_end(&z->u.xz); break;
	case WW_Z_ZSTD: ZSTD_freeDStream(z->u.zs); break;
	default: break;
	}
	z->started = false;
}

/* One step of the decoder: output into buf (room `size`); returns the
 * bytes made, 0 with out_eof at the end, 0 with fail set on damage. */
static size_t step(struct ww_zstate *z, char *buf, size_t size)
{
	bool more = fill(z);
	size_t avail = z->in_len - z->in_pos, made = 0, used = 0;
	if (z->fail)
		return 0;
	switch (z->kind) {
	case WW_Z_GZIP: {
		z_stream *s = &z->u.gz;
		int r;
		s->next_in = z->in + z->in_pos;
		s->avail_in = (uInt)avail;
		s->next_out = (Bytef *)buf;
		s->avail_out = (uInt)WW_MIN(size, (size_t)UINT32_MAX);
		r = inflate(s, Z_NO_FLUSH);
		used = avail - s->avail_in;
		made = WW_MIN(size, (size_t)UINT32_MAX) - s->avail_out;
		z->in_pos += used;
		if (r == Z_STREAM_END) {
			if (next_member(z, WW_Z_GZIP))
				inflateReset(s);
			else
				z->out_eof = true;
		} else if (r == Z_DATA_ERROR || r == Z_NEED_DICT || r == Z_STREAM_ERROR) {
			fail(z, Z_FAIL_DAMAGED, s->msg ? s->msg : _("invalid data"));
		} else if (r == Z_MEM_ERROR) {
			fail(z, Z_FAIL_DAMAGED, _("out of memory"));
		} else if (!more && !made && !used) {
			fail(z, Z_FAIL_CUT, _("the data ends in the middle of a gzip stream"));
		}
		break;
	}
	case WW_Z_BZIP2: {
		bz_stream *s = &z->u.bz;
		int r;
		unsigned int room = (unsigned int)WW_MIN(size, (size_t)UINT32_MAX);
		s->next_in = (char *)(z->in + z->in_pos);
		s->avail_in = (unsigned int)avail;
		s->next_out = buf;
		s->avail_out = room;
		r = BZ2_bzDecompress(s);
		used = avail - s->avail_in;
		made = room - s->avail_out;
		z->in_pos += used;
		if (r == BZ_STREAM_END) {
			BZ2_bzDecompressEnd(s);
			z->started = false;
			if (next_member(z, WW_Z_BZIP2)) {
				if (!start(z))
					fail(z, Z_FAIL_DAMAGED, _("cannot restart the decoder"));
			} else {
				z->out_eof = true;
			}
		} else if (r != BZ_OK) {
			fail(z, Z_FAIL_DAMAGED, r == BZ_DATA_ERROR_MAGIC ? _("bad stream header")
			                        : r == BZ_MEM_ERROR      ? _("out of memory")
			                                                 : _("data integrity error"));
		} else if (!more && !made && !used) {
			fail(z, Z_FAIL_CUT, _("the data ends in the middle of a bzip2 stream"));
		}
		break;
	}
	case WW_Z_XZ: {
		lzma_stream *s = &z->u.xz;
		lzma_ret r;
		s->next_in = z->in + z->in_pos;
		s->avail_in = avail;
		s->next_out = (uint8_t *)buf;
		s->avail_out = size;
		r = lzma_code(s, more ? LZMA_RUN : LZMA_FINISH);
		used = avail - s->avail_in;
		made = size - s->avail_out;
		z->in_pos += used;
		if (r == LZMA_STREAM_END)
			z->out_eof = true;
		else if (r == LZMA_MEMLIMIT_ERROR)
			fail(z, Z_FAIL_LIMIT, _("the xz stream needs more than 256 MiB of memory to decode"));
		else if (r == LZMA_BUF_ERROR && !more)
			fail(z, Z_FAIL_CUT, _("the data ends in the middle of an xz stream"));
		else if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			fail(z, Z_FAIL_DAMAGED, r == LZMA_DATA_ERROR     ? _("compressed data is corrupt")
			                        : r == LZMA_FORMAT_ERROR ? _("not in the xz format")
			                        : r == LZMA_OPTIONS_ERROR ? _("unsupported options")
			                        : _("the integrity check failed"));
		break;
	}
	case WW_Z_ZSTD: {
		ZSTD_inBuffer ib = {z->in + z->in_pos, avail, 0};
		ZSTD_outBuffer ob = {buf, size, 0};
		size_t r;
		if (!more) {
			if (z->zstd_left)
				fail(z, Z_FAIL_CUT, _("the data ends in the middle of a zstd frame"));
			else
				z->out_eof = true;
			break;
		}
		r = ZSTD_decompressStream(z->u.zs, &ob, &ib);
		z->in_pos += ib.pos;
		made = ob.pos;
		if (ZSTD_isError(r)) {
			fail(z, ZSTD_getErrorCode(r) == ZSTD_error_frameParameter_windowTooLarge
			        ? Z_FAIL_LIMIT : Z_FAIL_DAMAGED, ZSTD_getErrorName(r));
			break;
		}
		z->zstd_left = r;
		break;
	}
	default:
		break;
	}
	return made;
}

/* fopencookie read: -1 (errno EIO) on damage, a cap or a read error. */
static ssize_t z_read(void *cookie, char *buf, size_t size)
{
	struct ww_zstate *z = cookie;
	size_t made = 0;
	if (z->plain) {
		/* the first bytes were read to sniff them: those first */
		ssize_t n;
		if (z->in_pos < z->in_len) {
			size_t k = WW_MIN(size, z->in_len - z->in_pos);
			memcpy(buf, z->in + z->in_pos, k);
			z->in_pos += k;
			return (ssize_t)k;
		}
		/* EINTR is handed up: a caught SIGINT/SIGTERM stops a reader
		 * blocked on a pipe (cli_stop.c) */
		n = read(z->fd, buf, size);
		if (n > 0)
			z->in_total += (uint64_t)n;
		return n;
	}
	if (z->fail) {
		errno = EIO;
		return -1;
	}
	while (!made && !z->out_eof && !z->fail)
		made = step(z, buf, size);
	z->out_total += made;
	if (z->out_total > z->max_out) {
		char what[192];
		snprintf(what, sizeof(what), _("more than %llu bytes decompressed, the cap for one input"),
		         (unsigned long long)z->max_out);
		fail(z, Z_FAIL_LIMIT, what);
	} else if (z->out_total > WW_SOURCE_BOMB_FLOOR &&
	           z->out_total / WW_SOURCE_BOMB_RATIO > consumed(z)) {
		char what[192];
		snprintf(what, sizeof(what), _("it decompresses to more than %u times its size "
		         "(a decompression bomb?)"), WW_SOURCE_BOMB_RATIO);
		fail(z, Z_FAIL_LIMIT, what);
	}
	if (z->fail && (z->fail == Z_FAIL_LIMIT || !made)) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)made;
}

static int z_close(void *cookie)
{
	(void)cookie; /* the state is freed by ww_source_close */
	return 0;
}

static void zstate_free(struct ww_zstate *z)
{
	if (!z)
		return;
	stop(z);
	if (z->fd >= 0)
		close(z->fd);
	free(z->in);
	free(z);
}

ww_rc ww_source_open(struct ww_source *s, const char *path, uint64_t max_out, int *err,
                     const char **why)
{
	struct stat st;
	struct ww_zstate *z;
	ssize_t n;
	int fd;
	ww_rc rc;
	memset(s, 0, sizeof(*s));
	s->path = path;
	*err = 0;
	*why = "";
	if (strcmp(path, "-") == 0) {
		fd = dup(STDIN_FILENO);
		if (fd < 0) {
			*err = errno;
			*why = strerror(errno);
			return WW_ERR_IO;
		}
	} else if ((rc = ww_input_open(path, 0, &fd, err, why))) {
		return rc;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		s->regular = true;
		s->size = (uint64_t)st.st_size;
		do
			n = pread(fd, s->head, sizeof(s->head), 0);
		while (n < 0 && errno == EINTR);
		s->head_len = n > 0 ? (size_t)n : 0;
		s->kind = ww_z_sniff(s->head, s->head_len);
		if (s->kind == WW_Z_NONE) {
			/* plain and seekable: stdio straight on the descriptor */
			if (max_out && s->size > max_out) {
				close(fd);
				*why = "it is larger than the size cap (nothing was read)";
				return WW_ERR_LIMIT;
			}
			s->f = fdopen(fd, "rb");
			if (!s->f) {
				*err = errno;
				*why = strerror(errno);
				close(fd);
				return WW_ERR_IO;
			}
			return WW_OK;
		}
	}
	z = calloc(1, sizeof(*z));
	if (!z || !(z->in = malloc(ZIN_BLOCK))) {
		free(z);
		close(fd);
		return WW_ERR_NOMEM;
	}
	z->fd = fd;
	z->max_out = max_out ? max_out : WW_SOURCE_MAX_OUT;
	if (!s->regular) {
		/* a pipe: its first bytes are read here and handed out first */
		size_t got = 0;
		while (got < sizeof(s->head)) {
			n = read(fd, z->in + got, sizeof(s->head) - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		memcpy(s->head, z->in, got);
		s->head_len = got;
		z->in_len = got;
		z->in_total = got;
		s->kind = ww_z_sniff(s->head, got);
	}
	z->kind = s->kind;
	z->plain = s->kind == WW_Z_NONE;
	if (!z->plain && !start(z)) {
		zstate_free(z);
		*why = "cannot start the decompressor";
		return WW_ERR_NOMEM;
	}
	{
		cookie_io_functions_t io = {z_read, NULL, NULL, z_close};
		s->f = fopencookie(z, "rb", io);
	}
	if (!s->f) {
		*err = errno;
		*why = strerror(errno);
		zstate_free(z);
		return WW_ERR_IO;
	}
	s->z = z;
	return WW_OK;
}

bool ww_source_failed(const struct ww_source *s, char *msg, size_t len, bool *limit)
{
	const struct ww_zstate *z = s->z;
	if (limit)
		*limit = false;
	if (!z || !z->fail || z->plain)
		return false;
	if (limit)
		*limit = z->fail == Z_FAIL_LIMIT;
	switch (z->fail) {
	case Z_FAIL_CUT:
		snprintf(msg, len, _("%s data cut off at compressed byte offset %llu (%s, %llu bytes "
		         "decompressed)"), ww_z_name(z->kind), (unsigned long long)z->fail_at, z->what,
		         (unsigned long long)z->out_total);
		break;
	case Z_FAIL_LIMIT:
		snprintf(msg, len, _("%s data stopped at compressed byte offset %llu: %s"),
		         ww_z_name(z->kind), (unsigned long long)z->fail_at, z->what);
		break;
	case Z_FAIL_IO:
		snprintf(msg, len, _("read error at compressed byte offset %llu: %s"),
		         (unsigned long long)z->fail_at, z->what);
		break;
	default:
		snprintf(msg, len, _("damaged %s data at compressed byte offset %llu (%llu bytes "
		         "decompressed before it): %s"), ww_z_name(z->kind),
		         (unsigned long long)z->fail_at, (unsigned long long)z->out_total, z->what);
		break;
	}
	return true;
}

uint64_t ww_source_in_bytes(const struct ww_source *s)
{
	if (s->z)
		return consumed(s->z);
	return s->size;
}

uint64_t ww_source_out_bytes(const struct ww_source *s)
{
	return s->z ? s->z->out_total : s->size;
}

void ww_source_close(struct ww_source *s)
{
	if (s->f && !s->taken)
		fclose(s->f);
	zstate_free(s->z);
	memset(s, 0, sizeof(*s));
}

ww_rc ww_source_read_all(struct ww_buf *b, const char *path, const char **why, char *msg,
                         size_t msglen, enum ww_zkind *kind)
{
	struct ww_source s;
	char chunk[65536];
	int err = 0;
	ww_rc rc = ww_source_open(&s, path, b->cap, &err, why);
	*kind = WW_Z_NONE;
	if (rc) {
		errno = err;
		return rc;
	}
	*kind = s.kind;
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), s.f);
		if (n) {
			rc = ww_buf_add(b, chunk, n);
			if (rc) {
				if (rc == WW_ERR_LIMIT)
					*why = s.kind ? _("it decompressed past the size cap") :
					                _("it grew past the size cap while it was read");
				break;
			}
		}
		if (n < sizeof(chunk)) {
			bool limit;
			if (ferror(s.f) && ww_source_failed(&s, msg, msglen, &limit)) {
				*why = msg;
				rc = limit ? WW_ERR_LIMIT : WW_ERR_FORMAT;
			} else if (ferror(s.f)) {
				err = errno ? errno : EIO;
				*why = strerror(err);
				rc = WW_ERR_IO;
			}
			break;
		}
	}
	ww_source_close(&s);
	return rc;
}
