/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include "qd-paper-private.h"

/*
 * Execution against the simulated touch.
 *
 * The book behind a quote: the displayed size at the touch, then the same size again at
 * each worse tick. What orders take is remembered until the next quote (bid_taken and
 * ask_taken), so two orders between quotes do not both get the same liquidity.
 *
 *  - A market order (or a triggered stop) walks the book: the touch, then worse ticks.
 *  - A limit order takes at most the displayed size at the touch if marketable; the rest
 *    rests and fills at the touch price when a later quote reaches its limit, again limited
 *    by the displayed size.
 *  - IOC takes what the touch shows now and cancels the rest; FOK fills completely at the
 *    touch or is canceled without a fill. Both apply when the order becomes executable: at
 *    acceptance, or for stops at the trigger.
 *  - Stops trigger on the touch: buy stops when ask >= trigger, sell stops when bid <= trigger.
 */

gboolean
qd_paper_order_is_working (QdPaperOrder *order)
{
  switch (order->status)
    {
    case QD_ORDER_STATUS_ACCEPTED:
    case QD_ORDER_STATUS_TRIGGERED:
    case QD_ORDER_STATUS_PARTIALLY_FILLED:
    case QD_ORDER_STATUS_PENDING_UPDATE:
    case QD_ORDER_STATUS_PENDING_CANCEL:
      return TRUE;
    case QD_ORDER_STATUS_INITIALIZED:
    case QD_ORDER_STATUS_DENIED:
    case QD_ORDER_STATUS_EMULATED:
    case QD_ORDER_STATUS_RELEASED:
    case QD_ORDER_STATUS_SUBMITTED:
    case QD_ORDER_STATUS_REJECTED:
    case QD_ORDER_STATUS_CANCELED:
    case QD_ORDER_STATUS_EXPIRED:
    case QD_ORDER_STATUS_FILLED:
    default:
      return FALSE;
    }
}

static gboolean
is_stop (QdPaperOrder *order)
{
  return order->type == QD_ORDER_TYPE_STOP_MARKET || order->type == QD_ORDER_TYPE_STOP_LIMIT;
}

static gboolean
acts_as_market (QdPaperOrder *order)
{
  return order->type == QD_ORDER_TYPE_MARKET
         || (order->type == QD_ORDER_TYPE_STOP_MARKET && order->triggered);
}

static gboolean
is_buy (QdPaperOrder *order)
{
  return order->side == QD_ORDER_SIDE_BUY;
}

static gint64
remaining (QdPaperOrder *order)
{
  return order->quantity - order->filled_qty;
}

static gint64
touch_available (QdPaperOrder *order)
{
  QdPaperInstrument *inst = order->inst;

  return is_buy (order) ? MAX (0, inst->ask_size - inst->ask_taken)
                        : MAX (0, inst->bid_size - inst->bid_taken);
}

static gboolean
marketable (QdPaperOrder *order)
{
  QdPaperInstrument *inst = order->inst;

  if (acts_as_market (order))
    return TRUE;
  return is_buy (order) ? qd_decimal_compare (inst->ask, order->price) <= 0
                        : qd_decimal_compare (inst->bid, order->price) >= 0;
}

static gboolean
stop_touched (QdPaperOrder *order)
{
  QdPaperInstrument *inst = order->inst;

  return is_buy (order) ? qd_decimal_compare (inst->ask, order->trigger_price) >= 0
                        : qd_decimal_compare (inst->bid, order->trigger_price) <= 0;
}

static void
take_touch (QdPaperVenue *self,
            QdPaperOrder *order,
            gint64        qty)
{
  QdPaperInstrument *inst = order->inst;
  QdDecimal px = is_buy (order) ? inst->ask : inst->bid;

  if (is_buy (order))
    inst->ask_taken += qty;
  else
    inst->bid_taken += qty;
  qd_paper_account_apply_fill (self, order, qty, px);
}

/* Market orders: the touch first, then each worse tick, one execution per price level. */
static void
walk_book (QdPaperVenue *self,
           QdPaperOrder *order)
{
  QdPaperInstrument *inst = order->inst;
  gboolean buy = is_buy (order);
  gint64 level_size = MAX (buy ? inst->ask_size : inst->bid_size, inst->spec->display_lot);
  gint64 *taken = buy ? &inst->ask_taken : &inst->bid_taken;

  while (remaining (order) > 0)
    {
      gint64 level = *taken / level_size;
      gint64 take = MIN (remaining (order), (level + 1) * level_size - *taken);
      gint64 offset = level * inst->tick.raw;
      gint64 raw = buy ? inst->ask.raw + offset : MAX (inst->bid.raw - offset, inst->tick.raw);

      *taken += take;
      qd_paper_account_apply_fill (self, order, take, (QdDecimal) { raw, inst->precision });
    }
}

static void
cancel_remainder (QdPaperVenue *self,
                  QdPaperOrder *order)
{
  order->status = QD_ORDER_STATUS_CANCELED;
  qd_paper_order_event (self, order, "OrderCanceled");
}

/* The order can trade now (accepted, or a stop that triggered). */
static void
execute (QdPaperVenue *self,
         QdPaperOrder *order)
{
  gint64 want = remaining (order);
  gint64 avail = marketable (order) ? touch_available (order) : 0;

  if (want <= 0)
    return;

  switch (order->tif)
    {
    case QD_TIME_IN_FORCE_FOK:
      if (avail >= want)
        take_touch (self, order, want);
      else
        cancel_remainder (self, order);
      break;

    case QD_TIME_IN_FORCE_IOC:
      if (avail > 0)
        take_touch (self, order, MIN (avail, want));
      if (remaining (order) > 0)
        cancel_remainder (self, order);
      break;

    case QD_TIME_IN_FORCE_DAY:
    case QD_TIME_IN_FORCE_GTC:
    case QD_TIME_IN_FORCE_UNKNOWN:
    case QD_TIME_IN_FORCE_GTD:
    case QD_TIME_IN_FORCE_AT_THE_OPEN:
    case QD_TIME_IN_FORCE_AT_THE_CLOSE:
    default:
      if (acts_as_market (order))
        walk_book (self, order);
      else if (avail > 0)
        take_touch (self, order, MIN (avail, want));
      break;
    }
}

static void
trigger (QdPaperVenue *self,
         QdPaperOrder *order)
{
  order->triggered = TRUE;
  order->ts_triggered = self->now;
  order->status = QD_ORDER_STATUS_TRIGGERED;
  qd_paper_order_event (self, order, "OrderTriggered");
}

/* Whether qd_paper_matching_rematch() would change anything for this order now: exactly its
 * conditions, so a quote that moves none of them can skip the ordering. */
static gboolean
would_act (QdPaperOrder *order)
{
  if (!qd_paper_order_is_working (order))
    return FALSE;
  if (is_stop (order) && !order->triggered)
    return stop_touched (order);
  if (remaining (order) <= 0)
    return FALSE;
  if (order->tif == QD_TIME_IN_FORCE_FOK || order->tif == QD_TIME_IN_FORCE_IOC)
    return TRUE;
  return acts_as_market (order) || (marketable (order) && touch_available (order) > 0);
}

void
qd_paper_matching_rematch (QdPaperVenue *self,
                           QdPaperOrder *order)
{
  if (!qd_paper_order_is_working (order))
    return;
  if (is_stop (order) && !order->triggered)
    {
      if (!stop_touched (order))
        return;
      trigger (self, order);
    }
  execute (self, order);
}

void
qd_paper_matching_accept (QdPaperVenue *self,
                          QdPaperOrder *order)
{
  qd_paper_matching_rematch (self, order);
}

/* Buys before sells; within a side the most aggressive price first (market-like orders
 * lead), then time. */
static gint
priority_compare (gconstpointer a,
                  gconstpointer b)
{
  QdPaperOrder *x = *(QdPaperOrder **) a;
  QdPaperOrder *y = *(QdPaperOrder **) b;
  gboolean x_priced = !qd_decimal_is_none (x->price);
  gboolean y_priced = !qd_decimal_is_none (y->price);
  gint cmp;

  if (x->side != y->side)
    return is_buy (x) ? -1 : 1;
  if (x_priced != y_priced)
    return x_priced ? 1 : -1;
  if (x_priced)
    {
      cmp = qd_decimal_compare (x->price, y->price);
      if (cmp != 0)
        return is_buy (x) ? -cmp : cmp;
    }
  return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

void
qd_paper_matching_on_quote (QdPaperVenue      *self,
                            QdPaperInstrument *inst)
{
  g_autoptr(GPtrArray) working = NULL;
  gboolean any_acts = FALSE;
  guint i;

  /* Most quotes move nothing: then the book is not ordered at all (with 5 000 resting
   * orders, sorting them on every tick led the API server benchmark's profile). */
  for (i = 0; i < self->orders->len && !any_acts; i++)
    {
      QdPaperOrder *order = g_ptr_array_index (self->orders, i);

      any_acts = order->inst == inst && would_act (order);
    }
  if (!any_acts)
    return;

  working = g_ptr_array_new ();
  for (i = 0; i < self->orders->len; i++)
    {
      QdPaperOrder *order = g_ptr_array_index (self->orders, i);

      if (order->inst == inst && qd_paper_order_is_working (order))
        g_ptr_array_add (working, order);
    }

  g_ptr_array_sort (working, priority_compare);
  for (i = 0; i < working->len; i++)
    qd_paper_matching_rematch (self, g_ptr_array_index (working, i));
}

/* The session close: DAY orders still working expire, GTC orders stay. */
void
qd_paper_matching_expire_day (QdPaperVenue *self)
{
  guint i;

  for (i = 0; i < self->orders->len; i++)
    {
      QdPaperOrder *order = g_ptr_array_index (self->orders, i);

      if (order->tif != QD_TIME_IN_FORCE_DAY || !qd_paper_order_is_working (order))
        continue;
      order->status = QD_ORDER_STATUS_EXPIRED;
      qd_paper_order_event (self, order, "OrderExpired");
    }
}
