/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "qd-account.h"
#include "qd-bus.h"
#include "qd-connection-status.h"
#include "qd-decimal.h"
#include "qd-enums.h"
#include "qd-event.h"
#include "qd-order.h"
#include "qd-order-journal.h"
#include "qd-position.h"
#include "qd-quote.h"

G_BEGIN_DECLS

#define QD_TYPE_IB_SERVICE (qd_ib_service_get_type ())
#define QD_IB_SERVICE_ERROR (qd_ib_service_error_quark ())

G_DECLARE_FINAL_TYPE (QdIbService, qd_ib_service, QD, IB_SERVICE, GObject)

typedef enum
{
  QD_IB_SERVICE_ERROR_INVALID,        /* a malformed request (missing field, bad value) */
  QD_IB_SERVICE_ERROR_NOT_CONNECTED,  /* no bus to publish on */
  QD_IB_SERVICE_ERROR_UNKNOWN_ORDER,
  QD_IB_SERVICE_ERROR_NOT_MODIFIABLE, /* the order is no longer working */
  QD_IB_SERVICE_ERROR_PUBLISH,        /* the bus refused the command */
} QdIbServiceError;

/* What the service learned about an instrument (from the node's instrument events). */
typedef struct
{
  char     *instrument_id;
  char     *instrument_class;
  char     *currency;
  gint      price_precision;
  gint      size_precision;
  QdDecimal price_increment;
  QdDecimal size_increment;
  QdDecimal lot_size;
  QdDecimal multiplier;
} QdInstrument;

typedef struct
{
  guint64 entries;        /* entries seen on the bus */
  guint64 applied;        /* events that changed state */
  guint64 duplicates;     /* dropped by event_id */
  guint64 skipped;        /* well-formed but of a type we do not use */
  guint64 rejected;       /* malformed: counted and skipped */
} QdIngestStats;

typedef struct
{
  const char   *instrument_id;
  QdOrderSide   side;
  QdOrderType   order_type;
  QdDecimal     quantity;
  QdDecimal     limit_price;   /* LIMIT, STOP_LIMIT */
  QdDecimal     stop_price;    /* STOP_MARKET, STOP_LIMIT (the trigger price) */
  QdTimeInForce time_in_force;
} QdOrderRequest;

QdIbService  *qd_ib_service_new              (QdBus          *bus,
                                              const char     *trader_id);
GQuark        qd_ib_service_error_quark      (void);

/* Start reading the node's streams (history first) and the heartbeat watchdog. */
void          qd_ib_service_start            (QdIbService    *self);
void          qd_ib_service_stop             (QdIbService    *self);

QdBus              *qd_ib_service_get_bus        (QdIbService *self);
const char         *qd_ib_service_get_trader_id  (QdIbService *self);
QdConnectionStatus *qd_ib_service_get_connection (QdIbService *self);
QdAccount          *qd_ib_service_get_account    (QdIbService *self);
GListModel         *qd_ib_service_get_positions  (QdIbService *self);
GListModel         *qd_ib_service_get_orders     (QdIbService *self);
GListModel         *qd_ib_service_get_quotes     (QdIbService *self);
QdOrder            *qd_ib_service_lookup_order   (QdIbService *self,
                                                  const char  *order_id);
QdPosition         *qd_ib_service_lookup_position (QdIbService *self,
                                                   const char  *position_id);
QdQuote            *qd_ib_service_lookup_quote   (QdIbService *self,
                                                  const char  *instrument_id);
const QdInstrument *qd_ib_service_lookup_instrument (QdIbService *self,
                                                     const char  *instrument_id);
const QdIngestStats *qd_ib_service_get_stats     (QdIbService *self);

void          qd_ib_service_set_heartbeat_interval (QdIbService *self,
                                                    guint        seconds);
void          qd_ib_service_set_command_timeout    (QdIbService *self,
                                                    guint        seconds);
void          qd_ib_service_set_simulated          (QdIbService *self,
                                                    gboolean     simulated);

/* Decode one bus entry and apply it. FALSE with an error when it was skipped; state already
 * applied is never affected by a bad entry. */
gboolean      qd_ib_service_ingest           (QdIbService    *self,
                                              const char     *topic,
                                              const char     *payload,
                                              gsize           payload_len,
                                              GError        **error);
/* Apply an already decoded event (duplicates by event_id are dropped). */
void          qd_ib_service_apply            (QdIbService    *self,
                                              const QdEvent  *event);

/* Operations: each publishes one command with a fresh request_id and returns that id. They
 * never resend; a command without an ack becomes "unknown" after the command timeout. */
char         *qd_ib_service_place_order      (QdIbService          *self,
                                              const QdOrderRequest *request,
                                              GError              **error);
char         *qd_ib_service_modify_order     (QdIbService    *self,
                                              const char     *order_id,
                                              QdDecimal       quantity,
                                              QdDecimal       limit_price,
                                              QdDecimal       stop_price,
                                              GError        **error);
char         *qd_ib_service_cancel_order     (QdIbService    *self,
                                              const char     *order_id,
                                              GError        **error);
char         *qd_ib_service_cancel_all       (QdIbService    *self,
                                              const char     *instrument_id,
                                              GError        **error);
char         *qd_ib_service_refresh_account  (QdIbService    *self,
                                              GError        **error);
char         *qd_ib_service_refresh_positions (QdIbService   *self,
                                               GError       **error);
char         *qd_ib_service_refresh_orders   (QdIbService    *self,
                                              GError        **error);
char         *qd_ib_service_subscribe        (QdIbService    *self,
                                              const char     *instrument_id,
                                              gboolean        subscribe,
                                              GError        **error);

/* The order journal: every command is appended (and fsynced) before it is published, then
 * its ack and its order's final state. Without a journal commands are sent unjournaled
 * (tests, tools); set_journal reports the requests a previous session left without an
 * outcome through "activity". */
void            qd_ib_service_set_journal       (QdIbService    *self,
                                                 QdOrderJournal *journal);
QdOrderJournal *qd_ib_service_get_journal       (QdIbService    *self);
/* The journal could not be opened: order commands are refused with "order journal
 * unavailable: <message>" until a journal is set. NULL lifts the refusal. */
void            qd_ib_service_set_journal_error (QdIbService    *self,
                                                 const char     *message);
/* place_order with the journal's origin: "desktop" (NULL) or "remote:<address>". */
char           *qd_ib_service_place_order_full  (QdIbService          *self,
                                                 const QdOrderRequest *request,
                                                 const char           *origin,
                                                 GError              **error);

/* Where a request stands; FALSE for an id we never sent. */
gboolean      qd_ib_service_get_request      (QdIbService    *self,
                                              const char     *request_id,
                                              QdRequestState *state,
                                              const char    **client_order_id,
                                              const char    **error_message);

G_END_DECLS
