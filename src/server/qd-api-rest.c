/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include "qd-api-server-private.h"
#include "qd-public-json.h"

static GBytes *
string_to_bytes (GString *str)
{
  gsize len = str->len;

  return g_bytes_new_take (g_string_free (str, FALSE), len);
}

static GBytes *
render_list (GListModel *model,
             const char *member,
             void      (*write_item) (gpointer item, QdJsonWriter *w))
{
  guint n = g_list_model_get_n_items (model);
  GString *str = g_string_sized_new (64 + n * 512);
  QdJsonWriter w;
  guint i;

  qd_json_writer_init (&w, str);
  qd_json_writer_begin_object (&w);
  qd_json_writer_key (&w, member);
  qd_json_writer_begin_array (&w);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      write_item (item, &w);
    }
  qd_json_writer_end_array (&w);
  qd_json_writer_end_object (&w);
  return string_to_bytes (str);
}

static void
write_order (gpointer      item,
             QdJsonWriter *w)
{
  qd_order_write_json (item, w);
}

static void
write_position (gpointer      item,
                QdJsonWriter *w)
{
  qd_position_write_json (item, w);
}

void
_qd_api_drop_caches (QdApiServer *self)
{
  g_clear_pointer (&self->orders_body, g_bytes_unref);
  g_clear_pointer (&self->positions_body, g_bytes_unref);
}

static void
handle_get (QdApiServer       *self,
            SoupServerMessage *msg,
            QdRoute            route)
{
  g_autofree char *json = NULL;

  switch (route)
    {
    case QD_ROUTE_CONNECTION:
      json = qd_connection_status_to_json (qd_ib_service_get_connection (self->service));
      break;
    case QD_ROUTE_ACCOUNT:
      json = qd_account_to_json (qd_ib_service_get_account (self->service));
      break;
    case QD_ROUTE_POSITIONS:
      if (self->positions_body == NULL)
        self->positions_body = render_list (qd_ib_service_get_positions (self->service), "positions",
                                            write_position);
      _qd_api_respond_json (msg, SOUP_STATUS_OK, self->positions_body);
      return;
    case QD_ROUTE_ORDERS:
      if (self->orders_body == NULL)
        self->orders_body = render_list (qd_ib_service_get_orders (self->service), "orders", write_order);
      _qd_api_respond_json (msg, SOUP_STATUS_OK, self->orders_body);
      return;
    case QD_ROUTE_NONE:
    case QD_ROUTE_PAGE:
    case QD_ROUTE_WS:
    case QD_ROUTE_ACCOUNT_REFRESH:
    case QD_ROUTE_POSITIONS_REFRESH:
    case QD_ROUTE_ORDERS_REFRESH:
    case QD_ROUTE_PLACE:
    case QD_ROUTE_CANCEL:
    case QD_ROUTE_MODIFY:
    default:
      g_assert_not_reached ();
    }
  _qd_api_respond_text (msg, SOUP_STATUS_OK, json);
}

void
_qd_api_handle_request (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  QdApiServer *self = user_data;
  QdRequestInfo *info = _qd_api_get_info (msg);

  /* The early handler answered everything it refused. */
  g_assert (info != NULL);

  switch (info->route)
    {
    case QD_ROUTE_PAGE:
      _qd_api_serve_page (self, msg, path);
      break;
    case QD_ROUTE_WS:
      _qd_api_handle_ws (self, msg, info);
      break;
    case QD_ROUTE_CONNECTION:
    case QD_ROUTE_ACCOUNT:
    case QD_ROUTE_POSITIONS:
    case QD_ROUTE_ORDERS:
      handle_get (self, msg, info->route);
      break;
    case QD_ROUTE_ACCOUNT_REFRESH:
    case QD_ROUTE_POSITIONS_REFRESH:
    case QD_ROUTE_ORDERS_REFRESH:
      _qd_api_handle_refresh (self, msg, info->route);
      break;
    case QD_ROUTE_PLACE:
      _qd_api_handle_place (self, msg, info);
      break;
    case QD_ROUTE_CANCEL:
      _qd_api_handle_cancel (self, msg, info);
      break;
    case QD_ROUTE_MODIFY:
      _qd_api_handle_modify (self, msg, info);
      break;
    case QD_ROUTE_NONE:
    default:
      _qd_api_respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      break;
    }
}
