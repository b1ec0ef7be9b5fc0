/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-codec.h"
#include "qd-order-journal.h"
#include "qd-ib-service.h"

G_BEGIN_DECLS

#define QD_DEDUP_CAPACITY 65536

typedef struct
{
  char          *request_id;
  char          *cmd;
  char          *client_order_id;
  char          *error;
  QdRequestState state;
  gint64         sent_time;     /* monotonic µs */
} QdRequest;

/* The order journal the service writes every command to before publishing it. */
typedef struct
{
  QdOrderJournal *journal;
  char           *error;          /* set when the journal could not be opened */
  gulong          order_handler;
} QdJournalState;

struct _QdIbService
{
  GObject             parent_instance;

  QdBus              *bus;
  char               *trader_id;
  char               *stream_key;
  char               *command_key;
  QdCodec            *codec;

  QdConnectionStatus *connection;
  QdAccount          *account;
  GListStore         *positions;
  GListStore         *orders;
  GListStore         *quotes;
  GHashTable         *position_index;   /* position_id -> QdPosition */
  GHashTable         *order_index;      /* client_order_id -> QdOrder */
  GHashTable         *quote_index;      /* instrument_id -> QdQuote */
  GHashTable         *positions_by_instrument; /* instrument_id -> GPtrArray of QdPosition */
  GHashTable         *instruments;      /* instrument_id -> QdInstrument */
  GHashTable         *fill_ids;         /* "client_order_id|trade_id" seen */
  GHashTable         *pending_status;   /* client_order_id -> status before a pending update/cancel */

  /* Recent event ids: a hash set plus a ring that bounds it. */
  GHashTable         *seen_ids;
  char              **seen_ring;
  guint               seen_next;

  GHashTable         *requests;         /* request_id -> QdRequest */
  guint               command_timeout;
  guint               heartbeat_interval;
  gint64              last_heartbeat_mono;
  gboolean            ib_connected;
  gboolean            have_seed_connection;
  gboolean            have_seed_account;
  gboolean            have_seed_positions; /* the bridge's IB portfolio is the truth */
  gint64              day_start_day;    /* days since the epoch of day-start NLV */

  guint               watch_id;
  guint               topic_watch_id;
  guint               ack_watch_id;
  guint               tick_id;
  gulong              bus_state_handler;

  QdIngestStats       stats;
  QdJournalState      journal_state;
};

enum {
  SIGNAL_ORDER_UPDATED,
  SIGNAL_POSITION_UPDATED,
  SIGNAL_ACCOUNT_UPDATED,
  SIGNAL_QUOTE_UPDATED,
  SIGNAL_FILL,
  SIGNAL_ACTIVITY,
  SIGNAL_REQUEST_UPDATED,
  N_SIGNALS
};

extern guint qd_ib_service_signals[N_SIGNALS];

void     _qd_ib_service_activity        (QdIbService         *self,
                                         QdActivityKind       kind,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void     _qd_ib_service_refresh_connection (QdIbService      *self);

/* qd-ib-service-trading.c */
void     _qd_ib_service_apply_order     (QdIbService         *self,
                                         const QdEvent       *event);
void     _qd_ib_service_apply_position  (QdIbService         *self,
                                         const QdEvent       *event);
void     _qd_ib_service_apply_account   (QdIbService         *self,
                                         const QdEvent       *event);
void     _qd_ib_service_apply_seed_account  (QdIbService     *self,
                                             const QdEvent   *event);
void     _qd_ib_service_apply_seed_position (QdIbService     *self,
                                             const QdEvent   *event);
void     _qd_ib_service_apply_seed_order    (QdIbService     *self,
                                             const QdEvent   *event);
void     _qd_ib_service_mark_to_market  (QdIbService         *self,
                                         QdQuote             *quote);
void     _qd_ib_service_mark_position   (QdIbService         *self,
                                         QdPosition          *position);

/* qd-ib-service-commands.c */
void     _qd_ib_service_apply_ack       (QdIbService         *self,
                                         const QdEvent       *event);
void     _qd_ib_service_link_request    (QdIbService         *self,
                                         const char          *request_id,
                                         const char          *client_order_id);
void     _qd_ib_service_expire_requests (QdIbService         *self);
void     _qd_ib_service_request_free    (gpointer             data);

/* NautilusTrader's AccountId "{issuer}-{number}" as traders know it: the number. */
const char *_qd_ib_service_account_number (const char *account_id);

G_END_DECLS
