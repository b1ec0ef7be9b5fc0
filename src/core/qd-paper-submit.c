/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-paper-private.h"

/* Bounds that keep every product of price and quantity far inside 64 bits. */
#define MAX_QUANTITY G_GINT64_CONSTANT (10000000)
#define MAX_PRICE G_GINT64_CONSTANT (1000000)

/* Command fields */

gboolean
qd_paper_read_string (JsonObject  *cmd,
                      const char  *name,
                      const char **out,
                      GError     **error)
{
  JsonNode *node = json_object_get_member (cmd, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                   "%s must be a string", name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/* A decimal string (or a JSON integer); absent or null gives none. */
gboolean
qd_paper_read_decimal (JsonObject  *cmd,
                       const char  *name,
                       QdDecimal   *out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (cmd, name);

  *out = QD_DECIMAL_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v > G_MININT64)
        {
          *out = qd_decimal_from_int (v);
          return TRUE;
        }
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
      && qd_decimal_parse (json_node_get_string (node), -1, out, NULL))
    return TRUE;

  *out = QD_DECIMAL_NONE;
  g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
               "%s must be a decimal string", name);
  return FALSE;
}

static gboolean
fail (GError     **error,
      gint         code,
      const char  *message)
{
  g_set_error_literal (error, QD_PAPER_VENUE_ERROR, code, message);
  return FALSE;
}

/* Range checks the bridge makes before building an order (an ack, no order). */
static gboolean
check_positive (QdDecimal    value,
                const char  *name,
                gint64       max,
                GError     **error)
{
  if (qd_decimal_sign (value) <= 0)
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                   "%s must be positive", name);
      return FALSE;
    }
  if (qd_decimal_compare (value, qd_decimal_from_int (max)) > 0)
    {
      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                   "%s is too large", name);
      return FALSE;
    }
  return TRUE;
}

/* The risk engine's checks on a built order: the reason for OrderDenied, or NULL. */
static char *
price_problem (QdPaperInstrument *inst,
               QdDecimal          px,
               const char        *name)
{
  char buf[QD_DECIMAL_STR_MAX], tick[QD_DECIMAL_STR_MAX];

  if (qd_decimal_is_none (px))
    return NULL;
  if (qd_decimal_normalize (px).scale > inst->precision)
    return g_strdup_printf ("%s %s invalid (precision %d > %d)", name,
                            qd_decimal_format (px, buf), qd_decimal_normalize (px).scale,
                            inst->precision);
  if (!qd_decimal_is_multiple_of (px, inst->tick))
    return g_strdup_printf ("%s %s invalid (not a multiple of the price increment %s)", name,
                            qd_decimal_format (px, buf), qd_decimal_format (inst->tick, tick));
  return NULL;
}

static char *
quantity_problem (QdDecimal qty)
{
  char buf[QD_DECIMAL_STR_MAX];

  if (qd_decimal_normalize (qty).scale > 0)
    return g_strdup_printf ("quantity %s invalid (precision %d > 0)",
                            qd_decimal_format (qty, buf), qd_decimal_normalize (qty).scale);
  return NULL;
}

/* Prices are kept at the instrument's precision ("187.1" becomes "187.10"). */
static QdDecimal
at_precision (QdPaperInstrument *inst,
              QdDecimal          px)
{
  if (qd_decimal_is_none (px))
    return px;
  return qd_paper_round (qd_decimal_normalize (px), inst->precision);
}

/* Submit */

typedef struct
{
  const char        *instrument_id;
  QdPaperInstrument *inst;
  QdOrderSide        side;
  QdOrderType        type;
  QdTimeInForce      tif;
  QdDecimal          quantity;
  QdDecimal          price;
  QdDecimal          trigger_price;
} SubmitFields;

static gboolean
read_enums (JsonObject    *cmd,
            SubmitFields  *f,
            GError       **error)
{
  const char *side, *type, *tif;

  if (!qd_paper_read_string (cmd, "side", &side, error)
      || !qd_paper_read_string (cmd, "order_type", &type, error)
      || !qd_paper_read_string (cmd, "time_in_force", &tif, error))
    return FALSE;

  f->side = qd_order_side_from_string (side);
  if (f->side != QD_ORDER_SIDE_BUY && f->side != QD_ORDER_SIDE_SELL)
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID, "side must be BUY or SELL");
  f->type = qd_order_type_from_string (type);
  if (f->type != QD_ORDER_TYPE_MARKET && f->type != QD_ORDER_TYPE_LIMIT
      && f->type != QD_ORDER_TYPE_STOP_MARKET && f->type != QD_ORDER_TYPE_STOP_LIMIT)
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID,
                 "order_type must be MARKET, LIMIT, STOP_MARKET or STOP_LIMIT");
  /* The order factory's default. */
  f->tif = tif == NULL ? QD_TIME_IN_FORCE_GTC : qd_time_in_force_from_string (tif);
  if (f->tif != QD_TIME_IN_FORCE_DAY && f->tif != QD_TIME_IN_FORCE_GTC
      && f->tif != QD_TIME_IN_FORCE_IOC && f->tif != QD_TIME_IN_FORCE_FOK)
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID,
                 "time_in_force must be DAY, GTC, IOC or FOK");
  return TRUE;
}

static gboolean
read_prices (JsonObject    *cmd,
             SubmitFields  *f,
             GError       **error)
{
  gboolean needs_price = f->type == QD_ORDER_TYPE_LIMIT || f->type == QD_ORDER_TYPE_STOP_LIMIT;
  gboolean needs_trigger = f->type == QD_ORDER_TYPE_STOP_MARKET
                           || f->type == QD_ORDER_TYPE_STOP_LIMIT;

  if (!qd_paper_read_decimal (cmd, "quantity", &f->quantity, error)
      || !qd_paper_read_decimal (cmd, "price", &f->price, error)
      || !qd_paper_read_decimal (cmd, "trigger_price", &f->trigger_price, error))
    return FALSE;
  if (qd_decimal_is_none (f->quantity))
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID, "quantity is required");
  if (!check_positive (f->quantity, "quantity", MAX_QUANTITY, error))
    return FALSE;

  if (!needs_price)
    f->price = QD_DECIMAL_NONE;
  else if (qd_decimal_is_none (f->price))
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID, "price is required for this order type");
  else if (!check_positive (f->price, "price", MAX_PRICE, error))
    return FALSE;

  if (!needs_trigger)
    f->trigger_price = QD_DECIMAL_NONE;
  else if (qd_decimal_is_none (f->trigger_price))
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID,
                 "trigger_price is required for this order type");
  else if (!check_positive (f->trigger_price, "trigger_price", MAX_PRICE, error))
    return FALSE;
  return TRUE;
}

static gboolean
read_submit_fields (QdPaperVenue  *self,
                    JsonObject    *cmd,
                    SubmitFields  *f,
                    GError       **error)
{
  if (!qd_paper_read_string (cmd, "instrument_id", &f->instrument_id, error))
    return FALSE;
  if (f->instrument_id == NULL)
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID, "instrument_id is required");
  f->inst = qd_paper_market_lookup (self, f->instrument_id);
  if (f->inst == NULL)
    {
      g_autofree char *clipped = qd_paper_clip (f->instrument_id);

      g_set_error (error, QD_PAPER_VENUE_ERROR, QD_PAPER_VENUE_ERROR_INVALID,
                   "unknown instrument %s", clipped);
      return FALSE;
    }
  return read_enums (cmd, f, error) && read_prices (cmd, f, error);
}

/* ClientOrderIdGenerator: O-{YYYYMMDD}-{HHMMSS}-{trader tag}-{strategy tag}-{count}. */
static char *
new_client_order_id (QdPaperVenue *self)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (self->now / QD_PAPER_NS_PER_SEC);
  g_autofree char *stamp = g_date_time_format (dt, "%Y%m%d-%H%M%S");

  self->order_count++;
  return g_strdup_printf ("O-%s-%s-001-%u", stamp, self->trader_tag, self->order_count);
}

static QdPaperOrder *
create_order (QdPaperVenue *self,
              const char   *request_id,
              SubmitFields *f)
{
  QdPaperOrder *order = g_new0 (QdPaperOrder, 1);

  order->seq = self->orders->len + 1;
  order->client_order_id = new_client_order_id (self);
  order->request_id = g_strdup (request_id);
  order->inst = f->inst;
  order->side = f->side;
  order->type = f->type;
  order->tif = f->tif;
  order->status = QD_ORDER_STATUS_INITIALIZED;
  order->price = at_precision (f->inst, f->price);
  order->trigger_price = at_precision (f->inst, f->trigger_price);
  order->notional = (QdDecimal) { 0, f->inst->precision };
  order->commissions = (QdDecimal) { 0, 2 };
  order->ts_init = order->ts_last = self->now;
  /* Keep what the command said when it cannot be represented, so the denial can quote it. */
  order->quantity = qd_decimal_normalize (f->quantity).scale == 0
                    ? qd_decimal_normalize (f->quantity).raw : 0;
  g_ptr_array_add (self->orders, order);
  g_hash_table_insert (self->orders_by_id, order->client_order_id, order);
  return order;
}

static char *
deny_reason (SubmitFields *f)
{
  char *reason = quantity_problem (f->quantity);

  if (reason == NULL)
    reason = price_problem (f->inst, f->price, "price");
  if (reason == NULL)
    reason = price_problem (f->inst, f->trigger_price, "trigger_price");
  return reason;
}

/* What IB does with an order the strategy sent. */
static void
send_to_venue (QdPaperVenue *self,
               QdPaperOrder *order)
{
  g_autofree char *reason = NULL;

  order->status = QD_ORDER_STATUS_SUBMITTED;
  qd_paper_order_event (self, order, "OrderSubmitted");
  if (!qd_paper_account_check_margin (self, order, &reason))
    {
      order->status = QD_ORDER_STATUS_REJECTED;
      qd_paper_order_event_with_reason (self, order, "OrderRejected", reason);
      return;
    }
  self->next_venue_order_id += 1 + g_rand_int_range (self->rand, 0, 7);
  order->venue_order_id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_venue_order_id);
  order->status = QD_ORDER_STATUS_ACCEPTED;
  qd_paper_order_event (self, order, "OrderAccepted");
  qd_paper_matching_accept (self, order);
}

gboolean
qd_paper_submit (QdPaperVenue  *self,
                 const char    *request_id,
                 JsonObject    *cmd,
                 GError       **error)
{
  SubmitFields f = { 0 };
  g_autofree char *reason = NULL;
  QdPaperOrder *order;

  if (!read_submit_fields (self, cmd, &f, error))
    {
      qd_paper_ack (self, request_id, NULL, (*error)->message);
      return FALSE;
    }

  order = create_order (self, request_id, &f);
  qd_paper_order_initialized (self, order);
  reason = deny_reason (&f);
  if (reason != NULL)
    {
      order->status = QD_ORDER_STATUS_DENIED;
      qd_paper_order_event_with_reason (self, order, "OrderDenied", reason);
      qd_paper_ack (self, request_id, order->client_order_id, reason);
      return fail (error, QD_PAPER_VENUE_ERROR_INVALID, reason);
    }

  qd_paper_ack (self, request_id, order->client_order_id, NULL);
  send_to_venue (self, order);
  return TRUE;
}

/* Modify */

static char *
unknown_order_reason (const char *client_order_id)
{
  g_autofree char *clipped = qd_paper_clip (client_order_id);

  return g_strdup_printf ("order %s not found", clipped);
}

/* Refuse a modify or cancel: the reject event, then the ack. */
static gboolean
refuse (QdPaperVenue  *self,
        const char    *request_id,
        const char    *event_type,
        QdPaperOrder  *order,
        JsonObject    *cmd,
        const char    *client_order_id,
        const char    *reason,
        GError       **error)
{
  const char *instrument_id = NULL;

  if (order != NULL)
    qd_paper_order_event_with_reason (self, order, event_type, reason);
  else
    {
      qd_paper_read_string (cmd, "instrument_id", &instrument_id, NULL);
      qd_paper_order_reject_unknown (self, event_type, client_order_id, instrument_id, reason);
    }
  qd_paper_ack (self, request_id, client_order_id, reason);
  return fail (error, QD_PAPER_VENUE_ERROR_REJECTED, reason);
}

static gboolean
read_order_ref (QdPaperVenue  *self,
                const char    *request_id,
                JsonObject    *cmd,
                const char   **client_order_id,
                GError       **error)
{
  if (!qd_paper_read_string (cmd, "client_order_id", client_order_id, error))
    {
      qd_paper_ack (self, request_id, NULL, (*error)->message);
      return FALSE;
    }
  if (*client_order_id == NULL)
    {
      qd_paper_ack (self, request_id, NULL, "client_order_id is required");
      return fail (error, QD_PAPER_VENUE_ERROR_INVALID, "client_order_id is required");
    }
  return TRUE;
}

/* Why a working order cannot take these new values, or NULL. */
static char *
modify_problem (QdPaperOrder *order,
                QdDecimal     qty,
                QdDecimal     px,
                QdDecimal     trigger_px)
{
  gboolean priced = order->type == QD_ORDER_TYPE_LIMIT || order->type == QD_ORDER_TYPE_STOP_LIMIT;
  char *problem = NULL;

  if (!qd_decimal_is_none (qty))
    {
      problem = quantity_problem (qty);
      if (problem == NULL && qd_decimal_compare (qty, qd_decimal_from_int (order->filled_qty)) <= 0)
        problem = g_strdup ("quantity must exceed the filled quantity");
    }
  if (problem == NULL && !qd_decimal_is_none (px) && !priced)
    problem = g_strdup ("price cannot be modified on this order type");
  if (problem == NULL && !qd_decimal_is_none (trigger_px)
      && (order->triggered || qd_decimal_is_none (order->trigger_price)))
    problem = g_strdup ("trigger_price cannot be modified on this order");
  if (problem == NULL)
    problem = price_problem (order->inst, px, "price");
  if (problem == NULL)
    problem = price_problem (order->inst, trigger_px, "trigger_price");
  return problem;
}

static gboolean
read_modify_values (JsonObject  *cmd,
                    QdDecimal   *qty,
                    QdDecimal   *px,
                    QdDecimal   *trigger_px,
                    GError     **error)
{
  if (!qd_paper_read_decimal (cmd, "quantity", qty, error)
      || !qd_paper_read_decimal (cmd, "price", px, error)
      || !qd_paper_read_decimal (cmd, "trigger_price", trigger_px, error))
    return FALSE;
  if (qd_decimal_is_none (*qty) && qd_decimal_is_none (*px) && qd_decimal_is_none (*trigger_px))
    return fail (error, QD_PAPER_VENUE_ERROR_INVALID,
                 "nothing to modify: give quantity, price or trigger_price");
  if ((!qd_decimal_is_none (*qty) && !check_positive (*qty, "quantity", MAX_QUANTITY, error))
      || (!qd_decimal_is_none (*px) && !check_positive (*px, "price", MAX_PRICE, error))
      || (!qd_decimal_is_none (*trigger_px)
          && !check_positive (*trigger_px, "trigger_price", MAX_PRICE, error)))
    return FALSE;
  return TRUE;
}

static void
apply_modify (QdPaperVenue *self,
              QdPaperOrder *order,
              QdDecimal     qty,
              QdDecimal     px,
              QdDecimal     trigger_px)
{
  QdOrderStatus status = order->status;

  order->status = QD_ORDER_STATUS_PENDING_UPDATE;
  qd_paper_order_event (self, order, "OrderPendingUpdate");
  if (!qd_decimal_is_none (qty))
    order->quantity = qd_decimal_normalize (qty).raw;
  if (!qd_decimal_is_none (px))
    order->price = at_precision (order->inst, px);
  if (!qd_decimal_is_none (trigger_px))
    order->trigger_price = at_precision (order->inst, trigger_px);
  order->status = status;
  qd_paper_order_updated (self, order);
  qd_paper_matching_rematch (self, order);
}

gboolean
qd_paper_modify (QdPaperVenue  *self,
                 const char    *request_id,
                 JsonObject    *cmd,
                 GError       **error)
{
  const char *client_order_id;
  g_autofree char *problem = NULL;
  QdDecimal qty, px, trigger_px;
  QdPaperOrder *order;
  char buf[160];

  if (!read_order_ref (self, request_id, cmd, &client_order_id, error))
    return FALSE;
  if (!read_modify_values (cmd, &qty, &px, &trigger_px, error))
    {
      qd_paper_ack (self, request_id, client_order_id, (*error)->message);
      return FALSE;
    }

  order = qd_paper_order_lookup (self, client_order_id);
  if (order == NULL)
    {
      g_autofree char *reason = unknown_order_reason (client_order_id);

      return refuse (self, request_id, "OrderModifyRejected", NULL, cmd, client_order_id,
                     reason, error);
    }
  if (!qd_paper_order_is_working (order))
    {
      g_snprintf (buf, sizeof buf, "order is %s and cannot be modified",
                  qd_order_status_to_string (order->status));
      return refuse (self, request_id, "OrderModifyRejected", order, cmd, client_order_id,
                     buf, error);
    }
  problem = modify_problem (order, qty, px, trigger_px);
  if (problem != NULL)
    return refuse (self, request_id, "OrderModifyRejected", order, cmd, client_order_id,
                   problem, error);

  qd_paper_ack (self, request_id, client_order_id, NULL);
  apply_modify (self, order, qty, px, trigger_px);
  return TRUE;
}

/* Cancel */

void
qd_paper_cancel_order (QdPaperVenue *self,
                       QdPaperOrder *order)
{
  order->status = QD_ORDER_STATUS_PENDING_CANCEL;
  qd_paper_order_event (self, order, "OrderPendingCancel");
  order->status = QD_ORDER_STATUS_CANCELED;
  qd_paper_order_event (self, order, "OrderCanceled");
}

gboolean
qd_paper_cancel (QdPaperVenue  *self,
                 const char    *request_id,
                 JsonObject    *cmd,
                 GError       **error)
{
  const char *client_order_id;
  QdPaperOrder *order;
  char buf[200];

  if (!read_order_ref (self, request_id, cmd, &client_order_id, error))
    return FALSE;

  order = qd_paper_order_lookup (self, client_order_id);
  if (order == NULL)
    {
      g_autofree char *reason = unknown_order_reason (client_order_id);

      return refuse (self, request_id, "OrderCancelRejected", NULL, cmd, client_order_id,
                     reason, error);
    }
  if (!qd_paper_order_is_working (order))
    {
      /* IB error 161. */
      g_snprintf (buf, sizeof buf,
                  "Cancel attempted when order is not in a cancellable state (%s)%s%s",
                  qd_order_status_to_string (order->status),
                  order->venue_order_id ? ". Order permId=" : "",
                  order->venue_order_id ? order->venue_order_id : "");
      return refuse (self, request_id, "OrderCancelRejected", order, cmd, client_order_id,
                     buf, error);
    }

  qd_paper_ack (self, request_id, client_order_id, NULL);
  qd_paper_cancel_order (self, order);
  return TRUE;
}
