/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "qd-bus.h"

G_BEGIN_DECLS

#define QD_TYPE_PAPER_VENUE (qd_paper_venue_get_type ())
#define QD_PAPER_VENUE_ERROR (qd_paper_venue_error_quark ())

G_DECLARE_FINAL_TYPE (QdPaperVenue, qd_paper_venue, QD, PAPER_VENUE, GObject)

typedef enum
{
  QD_PAPER_VENUE_ERROR_TOO_LARGE,   /* payload over 64 KiB */
  QD_PAPER_VENUE_ERROR_TOO_DEEP,    /* nesting deeper than the guard allows */
  QD_PAPER_VENUE_ERROR_MALFORMED,   /* not a JSON object, or no request_id */
  QD_PAPER_VENUE_ERROR_INVALID,     /* a field is missing, of the wrong type or out of range */
  QD_PAPER_VENUE_ERROR_REJECTED,    /* a well-formed command that could not be carried out */
} QdPaperVenueError;

/*
 * QdPaperVenue: a simulated NautilusTrader node running the Interactive Brokers adapter and
 * Quarterdeck's bridge strategy, against a simulated IB Gateway (paper account DU1234567).
 *
 * It reads commands from `quarterdeck:commands:{trader_id}` and writes what a real node
 * writes to `trader-{trader_id}:stream`: instruments, quotes, trades, 5-second bars, the order
 * lifecycle with partial fills, netting positions, margin account states, component state,
 * heartbeats and the bridge's acks and IB status messages. Randomness comes from a GRand
 * seeded with `seed`: with the manual clock, the same seed and the same commands give the
 * same bytes.
 */
GQuark        qd_paper_venue_error_quark          (void);

QdPaperVenue *qd_paper_venue_new                  (QdBus        *bus,
                                                   const char   *trader_id,
                                                   guint64       seed);
/* Quotes per second across all instruments (default 50; 0 stops the random walk). */
void          qd_paper_venue_set_quote_rate       (QdPaperVenue *self,
                                                   double        quotes_per_second);
/* Write `trader-{ID}:stream:{topic}` keys (stream_per_topic=True) instead of one key. */
void          qd_paper_venue_set_per_topic        (QdPaperVenue *self,
                                                   gboolean      per_topic);
/* ts_* as ISO-8601 strings (timestamps_as_iso8601=True) instead of integer-ns strings. */
void          qd_paper_venue_set_iso_timestamps   (QdPaperVenue *self,
                                                   gboolean      iso);
/* Seconds between `health:heartbeat` entries (default 5; 0 disables them). */
void          qd_paper_venue_set_heartbeat_interval (QdPaperVenue *self,
                                                   guint         seconds);
/* No timers: the clock starts at start_ns and only moves with qd_paper_venue_step().
 * Call before qd_paper_venue_start(). */
void          qd_paper_venue_set_manual_clock     (QdPaperVenue *self,
                                                   gint64        start_ns);
/* Publish the start-up state (component RUNNING, connection, instruments, first quotes,
 * account) and watch the command stream for new entries. */
void          qd_paper_venue_start                (QdPaperVenue *self);
void          qd_paper_venue_stop                 (QdPaperVenue *self);
/* Manual clock: advance by advance_ns, emitting what falls due on the way in time order
 * (quotes and their matching, bars, heartbeats, account re-publishes, DAY expiry). */
void          qd_paper_venue_step                 (QdPaperVenue *self,
                                                   gint64        advance_ns);
/* Carry out one command payload (spec §5.2). Returns FALSE with an error for a bad or
 * refused command; it was answered with an ok:false ack if it had a request_id. */
gboolean      qd_paper_venue_handle_command       (QdPaperVenue *self,
                                                   const char   *json,
                                                   gsize         len,
                                                   GError      **error);
/* Force the touch of an instrument (tests and demos): publishes the quote and runs
 * matching against it. Sizes NULL keep the current ones. */
void          qd_paper_venue_set_touch            (QdPaperVenue *self,
                                                   const char   *instrument_id,
                                                   const char   *bid,
                                                   const char   *ask,
                                                   const char   *bid_size,
                                                   const char   *ask_size);
/* The simulated clock, UNIX ns. */
gint64        qd_paper_venue_get_time             (QdPaperVenue *self);
/* Entries appended to the bus so far. */
guint64       qd_paper_venue_get_n_published      (QdPaperVenue *self);

G_END_DECLS
