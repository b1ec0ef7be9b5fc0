/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec-private.h"
#include "qd-fast-scan.h"
#include "qd-json-tape.h"

#define HEARTBEAT_TOPIC "health:heartbeat"
#define ACK_TOPIC "quarterdeck.acks"

struct _QdCodec
{
  GObject      parent_instance;

  gsize        max_payload;
  guint        max_depth;
  QdCodecStats stats;
  QdJsonTape   tape;   /* reused: its buffers outlive one decode */
};

G_DEFINE_FINAL_TYPE (QdCodec, qd_codec, G_TYPE_OBJECT)

G_DEFINE_QUARK (qd-codec-error-quark, qd_codec_error)

enum {
  PROP_0,
  PROP_MAX_PAYLOAD,
  PROP_MAX_DEPTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where an entry goes, decided by its topic before its "type" is looked at. */
typedef enum
{
  ROUTE_NATIVE,
  ROUTE_SEED,
  ROUTE_ORDER_SNAPSHOT,
  ROUTE_POSITION_SNAPSHOT,
  ROUTE_ACK,
} Route;

static void
qd_codec_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  QdCodec *self = QD_CODEC (object);

  switch (prop_id)
    {
    case PROP_MAX_PAYLOAD:
      g_value_set_uint64 (value, self->max_payload);
      break;

    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_codec_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  QdCodec *self = QD_CODEC (object);

  switch (prop_id)
    {
    case PROP_MAX_PAYLOAD:
      qd_codec_set_max_payload (self, g_value_get_uint64 (value));
      break;

    case PROP_MAX_DEPTH:
      qd_codec_set_max_depth (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_codec_finalize (GObject *object)
{
  QdCodec *self = QD_CODEC (object);

  qd_json_tape_clear (&self->tape);

  G_OBJECT_CLASS (qd_codec_parent_class)->finalize (object);
}

static void
qd_codec_class_init (QdCodecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qd_codec_finalize;
  object_class->get_property = qd_codec_get_property;
  object_class->set_property = qd_codec_set_property;

  properties[PROP_MAX_PAYLOAD] =
    g_param_spec_uint64 ("max-payload", NULL, NULL,
                         1, G_MAXSIZE, QD_CODEC_DEFAULT_MAX_PAYLOAD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth", NULL, NULL,
                       1, G_MAXUINT, QD_CODEC_DEFAULT_MAX_DEPTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qd_codec_init (QdCodec *self)
{
  self->max_payload = QD_CODEC_DEFAULT_MAX_PAYLOAD;
  self->max_depth = QD_CODEC_DEFAULT_MAX_DEPTH;
  qd_json_tape_init (&self->tape);
}

QdCodec *
qd_codec_new (void)
{
  return g_object_new (QD_TYPE_CODEC, NULL);
}

gsize
qd_codec_get_max_payload (QdCodec *self)
{
  g_return_val_if_fail (QD_IS_CODEC (self), 0);

  return self->max_payload;
}

void
qd_codec_set_max_payload (QdCodec *self,
                          gsize    max_bytes)
{
  g_return_if_fail (QD_IS_CODEC (self));
  g_return_if_fail (max_bytes > 0);

  if (self->max_payload == max_bytes)
    return;
  self->max_payload = max_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PAYLOAD]);
}

guint
qd_codec_get_max_depth (QdCodec *self)
{
  g_return_val_if_fail (QD_IS_CODEC (self), 0);

  return self->max_depth;
}

void
qd_codec_set_max_depth (QdCodec *self,
                        guint    max_depth)
{
  g_return_if_fail (QD_IS_CODEC (self));
  g_return_if_fail (max_depth > 0);

  if (self->max_depth == max_depth)
    return;
  self->max_depth = max_depth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_DEPTH]);
}

const QdCodecStats *
qd_codec_get_stats (QdCodec *self)
{
  g_return_val_if_fail (QD_IS_CODEC (self), NULL);

  return &self->stats;
}

void
qd_codec_reset_stats (QdCodec *self)
{
  g_return_if_fail (QD_IS_CODEC (self));

  memset (&self->stats, 0, sizeof self->stats);
}

/* ---- entry decoding --------------------------------------------------------------------- */

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* chrono's to_rfc3339() text; integer nanoseconds and a JSON-quoted string are let in too. */
static gboolean
decode_heartbeat (const char  *payload,
                  gsize        len,
                  QdEvent     *event,
                  GError     **error)
{
  const char *p = payload;
  const char *end = payload + len;
  gint64 ns;

  while (p < end && is_json_space (*p))
    p++;
  while (end > p && is_json_space (end[-1]))
    end--;
  if (end - p >= 2 && *p == '"' && end[-1] == '"')
    {
      p++;
      end--;
    }

  if (!qd_fast_scan_parse_time (p, end - p, &ns, NULL))
    {
      g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED,
                           HEARTBEAT_TOPIC ": payload is not an RFC 3339 time");
      return FALSE;
    }

  qd_event_init (event, QD_EVENT_HEARTBEAT);
  event->ts_event = ns;
  event->ts_init = ns;
  return TRUE;
}

static gboolean
is_msgpack_map (guchar first)
{
  return (first >= 0x80 && first <= 0x8f) || first == 0xde || first == 0xdf;
}

/* Msgpack and non-object payloads, told apart cheaply before any parsing. */
static gboolean
check_json_object_start (const char  *payload,
                         gsize        len,
                         GError     **error)
{
  gsize i = 0;

  if (len > 0 && is_msgpack_map ((guchar) payload[0]))
    {
      g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MSGPACK,
                           "payload is msgpack: the node encoding must be json "
                           "(MessageBusConfig encoding=\"json\")");
      return FALSE;
    }

  while (i < len && is_json_space (payload[i]))
    i++;
  if (i == len)
    {
      g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_NOT_JSON, "empty payload");
      return FALSE;
    }
  if (payload[i] != '{')
    {
      g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_NOT_JSON,
                           "payload is not a JSON object");
      return FALSE;
    }
  return TRUE;
}

static Route
route_for_topic (const char *topic)
{
  if (g_str_has_prefix (topic, "adapter.interactive_brokers."))
    return ROUTE_SEED;
  if (g_str_has_prefix (topic, "snapshots:orders:"))
    return ROUTE_ORDER_SNAPSHOT;
  if (g_str_has_prefix (topic, "snapshots:positions:"))
    return ROUTE_POSITION_SNAPSHOT;
  if (strcmp (topic, ACK_TOPIC) == 0 || g_str_has_prefix (topic, ACK_TOPIC "."))
    return ROUTE_ACK;
  return ROUTE_NATIVE;
}

/* Native entries: the payload's "type", else what the topic implies. */
static gboolean
dispatch_native (const char  *topic,
                 QdJsonTape  *tape,
                 QdEvent     *event,
                 GError     **error)
{
  guint type = qd_json_tape_member (tape, QD_JSON_TAPE_ROOT, "type", 4);
  g_autofree char *safe_topic = NULL;
  QdEventKind kind;

  if (type != QD_JSON_TAPE_NONE && qd_json_tape_kind (tape, type) != QD_JSON_NULL)
    {
      gsize len;

      if (qd_json_tape_kind (tape, type) != QD_JSON_STRING)
        {
          g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_WRONG_TYPE,
                               "field \"type\" must be a string");
          return FALSE;
        }
      return qd_codec_decode_native (tape, qd_json_tape_string_peek (tape, type, &len), event,
                                     error);
    }

  kind = qd_fast_scan_guess_kind (topic, NULL, 0);
  if (kind != QD_EVENT_NONE)
    return qd_codec_decode_market_data (tape, kind, event, error);

  safe_topic = g_utf8_make_valid (topic, -1);
  g_set_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_UNKNOWN_TYPE,
               "no \"type\" key, and topic \"%s\" does not imply one", safe_topic);
  return FALSE;
}

static gboolean
dispatch (const char  *topic,
          Route        route,
          QdJsonTape  *tape,
          QdEvent     *event,
          GError     **error)
{
  switch (route)
    {
    case ROUTE_SEED:
      return qd_codec_decode_seed (topic, tape, event, error);
    case ROUTE_ORDER_SNAPSHOT:
      return qd_codec_decode_order_snapshot (tape, event, error);
    case ROUTE_POSITION_SNAPSHOT:
      return qd_codec_decode_position_snapshot (tape, event, error);
    case ROUTE_ACK:
      return qd_codec_decode_ack (tape, event, error);
    case ROUTE_NATIVE:
    default:
      return dispatch_native (topic, tape, event, error);
    }
}

static gboolean
decode_json (QdCodec     *self,
             const char  *topic,
             Route        route,
             const char  *payload,
             gsize        len,
             QdEvent     *event,
             GError     **error)
{
  gboolean ok;

  /* One strict pass checks size, depth and syntax and leaves the tokens to read. */
  if (!qd_json_tape_parse (&self->tape, payload, len, self->max_depth, error))
    ok = FALSE;
  else
    {
      /* check_json_object_start and the guard leave only an object here. */
      g_assert (qd_json_tape_kind (&self->tape, QD_JSON_TAPE_ROOT) == QD_JSON_OBJECT);
      ok = dispatch (topic, route, &self->tape, event, error);
    }

  /* The tape keeps its buffers for the next entry; not a huge one's. */
  qd_json_tape_trim (&self->tape);
  return ok;
}

static gboolean
decode_entry (QdCodec     *self,
              const char  *topic,
              const char  *payload,
              gsize        len,
              QdEvent     *event,
              gboolean    *fast,
              GError     **error)
{
  Route route;

  if (len > self->max_payload)
    {
      g_set_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_TOO_LARGE,
                   "payload of %" G_GSIZE_FORMAT " bytes is over the %" G_GSIZE_FORMAT
                   "-byte limit", len, self->max_payload);
      return FALSE;
    }
  if (strcmp (topic, HEARTBEAT_TOPIC) == 0)
    return decode_heartbeat (payload, len, event, error);
  if (!check_json_object_start (payload, len, error))
    return FALSE;

  route = route_for_topic (topic);
  if (route == ROUTE_NATIVE)
    {
      QdEventKind kind = qd_fast_scan_guess_kind (topic, payload, len);

      if (kind != QD_EVENT_NONE && qd_fast_scan_decode (payload, len, kind, event))
        {
          *fast = TRUE;
          return TRUE;
        }
    }

  return decode_json (self, topic, route, payload, len, event, error);
}

static void
count_failure (QdCodec      *self,
               const GError *error)
{
  if (error->domain == QD_CODEC_ERROR && error->code >= 0 && error->code < QD_CODEC_N_ERRORS)
    self->stats.failed[error->code]++;
  else
    self->stats.failed[QD_CODEC_ERROR_MALFORMED]++;
}

gboolean
qd_codec_decode (QdCodec     *self,
                 const char  *topic,
                 const char  *payload,
                 gsize        payload_len,
                 QdEvent     *event,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean fast = FALSE;

  g_return_val_if_fail (QD_IS_CODEC (self), FALSE);
  g_return_val_if_fail (payload != NULL || payload_len == 0, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  qd_event_init (event, QD_EVENT_NONE);
  if (payload == NULL)
    payload = "";

  if (!decode_entry (self, topic != NULL ? topic : "", payload, payload_len, event, &fast,
                     &local_error))
    {
      g_assert (local_error != NULL);
      qd_event_clear (event);
      count_failure (self, local_error);
      g_debug ("undecodable entry on %s: %s", topic ? topic : "(no topic)",
               local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_assert (event->kind != QD_EVENT_NONE);
  event->topic = g_strdup (topic);
  self->stats.decoded++;
  if (fast)
    self->stats.fast_path++;
  return TRUE;
}
