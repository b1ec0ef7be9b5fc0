/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-codec.h"
#include "qd-json-tape.h"

G_BEGIN_DECLS

/*
 * A linear, non-recursive check of untrusted JSON text: exactly one strict RFC 8259 value.
 *
 * It refuses what lenient parsers (json-glib 1.6 among them) let through or get wrong:
 * comments, single quotes, hex numbers and trailing values; integers past 64 bits (which
 * json-glib silently wraps); "\u0000" (which truncates a C string) and unpaired surrogates
 * (which have no UTF-8 form); invalid UTF-8 and raw control characters in strings. Depth is
 * tracked on a small stack, so no input can overflow the C stack.
 *
 * Errors are in QD_CODEC_ERROR: TOO_DEEP when arrays/objects nest deeper than max_depth
 * (the outermost container is depth 1), NOT_JSON for empty or all-blank text, MALFORMED
 * for everything else (with the byte offset in the message).
 */
gboolean qd_json_guard_check (const char  *data,
                              gsize        len,
                              guint        max_depth,
                              GError     **error);

/* The same check, recording every token into `tape` on the way (see qd_json_tape_parse,
 * which is how it should be called); `tape` NULL only checks. len must fit in 32 bits
 * when recording. */
gboolean qd_json_guard_scan  (const char  *data,
                              gsize        len,
                              guint        max_depth,
                              QdJsonTape  *tape,
                              GError     **error);

G_END_DECLS
