/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "qd-codec.h"

G_BEGIN_DECLS

/*
 * A linear, allocation-light check of untrusted JSON text, run before json-glib sees it.
 *
 * json-glib 1.6 recurses once per nesting level (deep input overflows the stack), silently
 * wraps integers past 64 bits, truncates strings at "\u0000", and accepts comments, single
 * quotes, hex numbers and trailing values. The guard accepts exactly one strict RFC 8259
 * value and rejects all of that, so what json-glib then parses means what it says.
 *
 * Errors are in QD_CODEC_ERROR: TOO_DEEP when arrays/objects nest deeper than max_depth
 * (the outermost container is depth 1), NOT_JSON for empty or all-blank text, MALFORMED
 * for everything else (with the byte offset in the message).
 */
gboolean qd_json_guard_check (const char  *data,
                              gsize        len,
                              guint        max_depth,
                              GError     **error);

G_END_DECLS
