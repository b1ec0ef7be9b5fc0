/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define QD_TYPE_FRAME_COALESCER (qd_frame_coalescer_get_type ())

G_DECLARE_FINAL_TYPE (QdFrameCoalescer, qd_frame_coalescer, QD, FRAME_COALESCER, GObject)

/*
 * QdFrameCoalescer: the service applies every event at once, but the screen only needs the
 * latest value once per frame. Mark the objects that changed; once per frame of `widget`'s
 * frame clock, "flush" is emitted with the set of marked objects (each once, in the order
 * first marked) and the set is emptied. Nothing is flushed while the widget is not mapped;
 * what was marked meanwhile is flushed on its first frame.
 */
QdFrameCoalescer *qd_frame_coalescer_new           (GtkWidget        *widget);
void              qd_frame_coalescer_mark          (QdFrameCoalescer *self,
                                                    gpointer          object);
/* Emit "flush" now if anything is pending (tests, and before a snapshot). */
void              qd_frame_coalescer_flush_now     (QdFrameCoalescer *self);
guint64           qd_frame_coalescer_get_n_flushes (QdFrameCoalescer *self);
/* The most flushes seen within one frame of the frame clock (1 when all is well). */
guint             qd_frame_coalescer_get_max_flushes_per_frame (QdFrameCoalescer *self);

G_END_DECLS
