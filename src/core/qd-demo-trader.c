/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-demo"

#include "config.h"

#include "qd-demo-trader.h"

struct _QdDemoTrader
{
  GObject      parent_instance;

  QdIbService *service;
  GRand       *rand;
  guint        timer_id;
};

G_DEFINE_FINAL_TYPE (QdDemoTrader, qd_demo_trader, G_TYPE_OBJECT)

static const char * const demo_stocks[] = {
  "AAPL.NASDAQ", "MSFT.NASDAQ", "NVDA.NASDAQ", "AMZN.NASDAQ", "SPY.ARCA", "JPM.NYSE", "TSLA.NASDAQ",
};

static char *
describe (const QdOrderRequest *request)
{
  char qty[QD_DECIMAL_STR_MAX], px[QD_DECIMAL_STR_MAX];

  return g_strdup_printf ("%s %s %s %s%s%s %s", qd_order_side_to_string (request->side),
                          qd_decimal_format (request->quantity, qty), request->instrument_id,
                          qd_order_type_to_ib (request->order_type),
                          qd_decimal_is_none (request->limit_price) ? "" : " ",
                          qd_decimal_is_none (request->limit_price) ? "" : qd_decimal_format (request->limit_price, px),
                          qd_time_in_force_to_string (request->time_in_force));
}

static char *
send_order (QdDemoTrader         *self,
            const QdOrderRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = qd_ib_service_place_order (self->service, request, &error);

  if (request_id == NULL)
    return g_strdup_printf ("order not sent: %s", error->message);
  return describe (request);
}

static char *
market_order (QdDemoTrader *self,
              const char   *instrument_id,
              QdOrderSide   side,
              gint64        quantity)
{
  QdOrderRequest request = {
    .instrument_id = instrument_id,
    .side = side,
    .order_type = QD_ORDER_TYPE_MARKET,
    .quantity = qd_decimal_from_int (quantity),
    .limit_price = QD_DECIMAL_NONE,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = QD_TIME_IN_FORCE_DAY,
  };

  return send_order (self, &request);
}

/* A limit order `ticks` cents inside (negative: outside) the touch. */
static char *
limit_order (QdDemoTrader *self,
             const char   *instrument_id,
             QdOrderSide   side,
             gint64        quantity,
             gint          ticks)
{
  QdQuote *quote = qd_ib_service_lookup_quote (self->service, instrument_id);
  QdDecimal touch, offset, price;
  QdOrderRequest request;

  if (quote == NULL)
    return market_order (self, instrument_id, side, quantity);

  touch = side == QD_ORDER_SIDE_BUY ? qd_quote_get_bid (quote) : qd_quote_get_ask (quote);
  if (qd_decimal_is_none (touch))
    return market_order (self, instrument_id, side, quantity);

  offset = (QdDecimal) { side == QD_ORDER_SIDE_BUY ? ticks : -ticks, 2 };
  if (!qd_decimal_add (touch, offset, &price, NULL) || qd_decimal_sign (price) <= 0)
    return market_order (self, instrument_id, side, quantity);

  request = (QdOrderRequest) {
    .instrument_id = instrument_id,
    .side = side,
    .order_type = QD_ORDER_TYPE_LIMIT,
    .quantity = qd_decimal_from_int (quantity),
    .limit_price = price,
    .stop_price = QD_DECIMAL_NONE,
    .time_in_force = g_rand_boolean (self->rand) ? QD_TIME_IN_FORCE_DAY : QD_TIME_IN_FORCE_GTC,
  };

  return send_order (self, &request);
}

static QdOrder *
pick_working_order (QdDemoTrader *self)
{
  GListModel *orders = qd_ib_service_get_orders (self->service);
  guint n = g_list_model_get_n_items (orders);
  guint start, i;

  if (n == 0)
    return NULL;

  start = g_rand_int_range (self->rand, 0, n);
  for (i = 0; i < n; i++)
    {
      g_autoptr(QdOrder) order = g_list_model_get_item (orders, (start + i) % n);

      if (qd_order_get_is_working (order) && qd_order_get_status (order) != QD_ORDER_STATUS_INITIALIZED)
        return order;
    }

  return NULL;
}

static char *
cancel_or_modify (QdDemoTrader *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = NULL;
  QdOrder *order = pick_working_order (self);
  const char *order_id;

  if (order == NULL)
    return NULL;

  order_id = qd_order_get_order_id (order);
  if (g_rand_boolean (self->rand) || qd_decimal_is_none (qd_order_get_limit_price (order)))
    {
      request_id = qd_ib_service_cancel_order (self->service, order_id, &error);
      return request_id ? g_strdup_printf ("cancel %s", order_id)
                        : g_strdup_printf ("cancel not sent: %s", error->message);
    }
  else
    {
      QdDecimal price = qd_order_get_limit_price (order), moved;
      QdDecimal step = { qd_order_get_action (order) == QD_ORDER_SIDE_BUY ? 1 : -1, 2 };

      if (!qd_decimal_add (price, step, &moved, NULL))
        return NULL;
      request_id = qd_ib_service_modify_order (self->service, order_id, QD_DECIMAL_NONE, moved,
                                               QD_DECIMAL_NONE, &error);
      return request_id ? g_strdup_printf ("modify %s", order_id)
                        : g_strdup_printf ("modify not sent: %s", error->message);
    }
}

char *
qd_demo_trader_act (QdDemoTrader *self)
{
  const char *instrument_id;
  QdOrderSide side;
  gint roll;
  char *done;

  g_return_val_if_fail (QD_IS_DEMO_TRADER (self), NULL);

  instrument_id = demo_stocks[g_rand_int_range (self->rand, 0, G_N_ELEMENTS (demo_stocks))];
  side = g_rand_boolean (self->rand) ? QD_ORDER_SIDE_BUY : QD_ORDER_SIDE_SELL;
  roll = g_rand_int_range (self->rand, 0, 10);

  if (roll < 3)
    return market_order (self, instrument_id, side, 10 * g_rand_int_range (self->rand, 1, 11));
  if (roll < 7)
    return limit_order (self, instrument_id, side, 10 * g_rand_int_range (self->rand, 1, 21),
                        g_rand_int_range (self->rand, -5, 3));
  if ((done = cancel_or_modify (self)) != NULL)
    return done;
  return limit_order (self, instrument_id, side, 50, -3);
}

static void
send_opening_orders (QdDemoTrader *self)
{
  g_autofree char *a = market_order (self, "AAPL.NASDAQ", QD_ORDER_SIDE_BUY, 300);
  g_autofree char *b = market_order (self, "MSFT.NASDAQ", QD_ORDER_SIDE_BUY, 150);
  g_autofree char *c = market_order (self, "TSLA.NASDAQ", QD_ORDER_SIDE_SELL, 100);
  g_autofree char *d = market_order (self, "EUR/USD.IDEALPRO", QD_ORDER_SIDE_BUY, 25000);
  g_autofree char *e = market_order (self, "ESZ6.CME", QD_ORDER_SIDE_BUY, 2);
  g_autofree char *f = limit_order (self, "NVDA.NASDAQ", QD_ORDER_SIDE_BUY, 200, -25);

  g_debug ("Opening orders: %s; %s; %s; %s; %s; %s", a, b, c, d, e, f);
}

static gboolean
act_cb (gpointer user_data)
{
  g_autofree char *done = qd_demo_trader_act (user_data);

  g_debug ("Demo: %s", done ? done : "nothing");
  return G_SOURCE_CONTINUE;
}

static gboolean
opening_cb (gpointer user_data)
{
  send_opening_orders (user_data);
  return G_SOURCE_REMOVE;
}

void
qd_demo_trader_start (QdDemoTrader *self,
                      guint         interval_ms)
{
  g_return_if_fail (QD_IS_DEMO_TRADER (self));

  qd_demo_trader_stop (self);
  /* Let the venue's first quotes arrive, so limit orders are priced off a real touch. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 300, opening_cb, g_object_ref (self), g_object_unref);
  if (interval_ms > 0)
    self->timer_id = g_timeout_add (interval_ms, act_cb, self);
}

void
qd_demo_trader_stop (QdDemoTrader *self)
{
  g_return_if_fail (QD_IS_DEMO_TRADER (self));
  g_clear_handle_id (&self->timer_id, g_source_remove);
}

static void
qd_demo_trader_dispose (GObject *object)
{
  QdDemoTrader *self = QD_DEMO_TRADER (object);

  qd_demo_trader_stop (self);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (qd_demo_trader_parent_class)->dispose (object);
}

static void
qd_demo_trader_finalize (GObject *object)
{
  QdDemoTrader *self = QD_DEMO_TRADER (object);

  g_rand_free (self->rand);

  G_OBJECT_CLASS (qd_demo_trader_parent_class)->finalize (object);
}

static void
qd_demo_trader_class_init (QdDemoTraderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qd_demo_trader_dispose;
  object_class->finalize = qd_demo_trader_finalize;
}

static void
qd_demo_trader_init (QdDemoTrader *self)
{
}

QdDemoTrader *
qd_demo_trader_new (QdIbService *service,
                    guint64      seed)
{
  QdDemoTrader *self;

  g_return_val_if_fail (QD_IS_IB_SERVICE (service), NULL);

  self = g_object_new (QD_TYPE_DEMO_TRADER, NULL);
  self->service = g_object_ref (service);
  self->rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32)));

  return self;
}
