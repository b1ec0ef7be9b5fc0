/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define QD_TYPE_WS_STREAM (qd_ws_stream_get_type ())

G_DECLARE_FINAL_TYPE (QdWsStream, qd_ws_stream, QD, WS_STREAM, GIOStream)

/*
 * QdWsStream: a WebSocket connection's stream, wrapped so we know how many bytes the
 * socket has taken. libsoup 3.2 queues outgoing frames without bound and says nothing of
 * them; what we queued minus what was written is the client's real backlog.
 */
QdWsStream *qd_ws_stream_new           (GIOStream  *base);
guint64     qd_ws_stream_get_written   (QdWsStream *self);
/* Queues bytes that are whole WebSocket frames, behind what is queued already; they leave
 * with the next write. libsoup's own frames (pings, close) are whole too, so the two never
 * interleave mid-frame. */
void        qd_ws_stream_queue_frames  (QdWsStream *self,
                                        GBytes     *frames);
/* The same without scheduling the write: whoever queues for many streams in one turn of
 * the main loop flushes each once afterwards (no source per stream and turn). */
void        qd_ws_stream_append_frames (QdWsStream *self,
                                        GBytes     *frames);
/* Writes what the socket takes now; the rest when it can take more. */
void        qd_ws_stream_flush_frames  (QdWsStream *self);

G_END_DECLS
