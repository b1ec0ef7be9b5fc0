/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-core"

#include "config.h"

#include <string.h>

#include "qd-codec.h"
#include "qd-fast-scan.h"
#include "qd-json-tape.h"

/* ---- timestamps ------------------------------------------------------------------------ */

#define NS_PER_SEC G_GINT64_CONSTANT (1000000000)
/* The last whole second an int64 of nanoseconds can hold (2262-04-11). */
#define MAX_UNIX_SECONDS (G_MAXINT64 / NS_PER_SEC)

static gboolean
parse_ns_digits (const char *text,
                 gsize       len,
                 gint64     *out_ns)
{
  guint64 v = 0;
  gsize i;

  /* 19 digits cannot overflow a guint64, so one range check at the end is enough. */
  if (len == 0 || len > 19)
    return FALSE;
  for (i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint64) (text[i] - '0');
    }
  if (v > (guint64) G_MAXINT64)
    return FALSE;

  *out_ns = (gint64) v;
  return TRUE;
}

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static gboolean
take_number (Cursor *c,
             int     n_digits,
             int    *out)
{
  int v = 0;
  int i;

  if (c->end - c->p < n_digits)
    return FALSE;
  for (i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (c->p[i]))
        return FALSE;
      v = v * 10 + (c->p[i] - '0');
    }
  c->p += n_digits;
  *out = v;
  return TRUE;
}

static gboolean
take_char (Cursor     *c,
           const char *allowed)
{
  if (c->p >= c->end || *c->p == '\0' || strchr (allowed, *c->p) == NULL)
    return FALSE;
  c->p++;
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* "HH:MM:SS" then an optional fraction of up to nine digits, as seconds + nanoseconds. */
static gboolean
take_clock (Cursor *c,
            gint64 *seconds,
            gint64 *nanos)
{
  int hour, minute, second;
  int n = 0;

  if (!take_number (c, 2, &hour) || !take_char (c, ":") || !take_number (c, 2, &minute) ||
      !take_char (c, ":") || !take_number (c, 2, &second))
    return FALSE;
  /* 60 is a leap second, which RFC 3339 allows. */
  if (hour > 23 || minute > 59 || second > 60)
    return FALSE;

  *seconds = hour * 3600 + minute * 60 + second;
  *nanos = 0;
  if (c->p < c->end && *c->p == '.')
    {
      c->p++;
      while (c->p < c->end && g_ascii_isdigit (*c->p))
        {
          if (++n > 9)
            return FALSE;
          *nanos = *nanos * 10 + (*c->p++ - '0');
        }
      if (n == 0)
        return FALSE;
      for (; n < 9; n++)
        *nanos *= 10;
    }
  return TRUE;
}

/* "Z" or "+HH:MM" / "-HHMM": seconds east of UTC. */
static gboolean
take_offset (Cursor *c,
             gint64 *offset)
{
  int hours, minutes;
  int sign;

  if (take_char (c, "Zz"))
    {
      *offset = 0;
      return TRUE;
    }
  if (c->p >= c->end || (*c->p != '+' && *c->p != '-'))
    return FALSE;
  sign = *c->p++ == '-' ? -1 : 1;
  if (!take_number (c, 2, &hours))
    return FALSE;
  take_char (c, ":");
  if (!take_number (c, 2, &minutes) || hours > 23 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

static gboolean
parse_rfc3339 (const char *text,
               gsize       len,
               gint64     *out_ns)
{
  Cursor c = { text, text + len };
  int year, month, day;
  gint64 clock, nanos, offset, seconds;

  if (!take_number (&c, 4, &year) || !take_char (&c, "-") || !take_number (&c, 2, &month) ||
      !take_char (&c, "-") || !take_number (&c, 2, &day) || !take_char (&c, "Tt "))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year))
    return FALSE;
  if (!take_clock (&c, &clock, &nanos) || !take_offset (&c, &offset) || c.p != c.end)
    return FALSE;

  seconds = days_from_civil (year, month, day) * 86400 + clock - offset;
  if (seconds < 0 || seconds > MAX_UNIX_SECONDS ||
      (seconds == MAX_UNIX_SECONDS && nanos > G_MAXINT64 % NS_PER_SEC))
    return FALSE;

  *out_ns = seconds * NS_PER_SEC + nanos;
  return TRUE;
}

gboolean
qd_fast_scan_parse_time (const char  *text,
                         gsize        len,
                         gint64      *out_ns,
                         GError     **error)
{
  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_ns != NULL, FALSE);

  if (len > 0 && len <= 19 && g_ascii_isdigit (text[len - 1]) && parse_ns_digits (text, len, out_ns))
    return TRUE;
  if (len > 19 && parse_rfc3339 (text, len, out_ns))
    return TRUE;

  g_set_error_literal (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED,
                       "not a timestamp (integer nanoseconds or RFC 3339 from 1970 to 2262)");
  return FALSE;
}

/* ---- bar types -------------------------------------------------------------------------- */

char *
qd_fast_scan_bar_instrument_id (const char *bar_type,
                                gsize       len)
{
  const char *at;
  const char *end;
  int fields = 0;

  g_return_val_if_fail (bar_type != NULL || len == 0, NULL);

  at = memchr (bar_type, '@', len);
  end = at != NULL ? at : bar_type + len;

  /* Walk back over step, aggregation, price type and source; none may be empty. */
  while (end > bar_type && fields < 4)
    {
      const char *dash = end - 1;

      while (dash >= bar_type && *dash != '-')
        dash--;
      if (dash < bar_type || dash == end - 1)
        return NULL;
      end = dash;
      fields++;
    }

  if (fields < 4 || end == bar_type)
    return NULL;
  return g_strndup (bar_type, end - bar_type);
}

/* ---- the scanner ------------------------------------------------------------------------ */

typedef enum
{
  SLOT_EMPTY,
  SLOT_STRING,
  SLOT_INT,
} SlotType;

typedef struct
{
  const char *text;
  gsize       len;
  SlotType    type;
} Slot;

#define MAX_SLOTS 9

typedef struct
{
  const char *name;
  gsize       len;
} Key;

#define KEY(name) { name, sizeof name - 1 }

/* Index 0 is "type" in every layout; the last two are ts_event and ts_init. */
static const Key quote_keys[] = {
  KEY ("type"), KEY ("instrument_id"), KEY ("bid_price"), KEY ("ask_price"),
  KEY ("bid_size"), KEY ("ask_size"), KEY ("ts_event"), KEY ("ts_init"), { NULL, 0 }
};
static const Key trade_keys[] = {
  KEY ("type"), KEY ("instrument_id"), KEY ("price"), KEY ("size"),
  KEY ("aggressor_side"), KEY ("trade_id"), KEY ("ts_event"), KEY ("ts_init"), { NULL, 0 }
};
static const Key bar_keys[] = {
  KEY ("type"), KEY ("bar_type"), KEY ("open"), KEY ("high"), KEY ("low"), KEY ("close"),
  KEY ("volume"), KEY ("ts_event"), KEY ("ts_init"), { NULL, 0 }
};

static inline const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* At an opening quote: a string with no escapes, controls or non-ASCII; p ends past it. */
static gboolean
scan_plain_string (const char **p,
                   const char  *end,
                   Slot        *out)
{
  const char *s = *p + 1;
  const char *q = (const char *) qd_json_skip_plain ((const guchar *) s, (const guchar *) end);

  if (q >= end || *q != '"')
    return FALSE;
  out->text = s;
  out->len = q - s;
  out->type = SLOT_STRING;
  *p = q + 1;
  return TRUE;
}

/* A non-negative JSON integer (timestamps); fractions and exponents decline. */
static gboolean
scan_plain_int (const char **p,
                const char  *end,
                Slot        *out)
{
  const char *q = *p;

  while (q < end && g_ascii_isdigit (*q))
    q++;
  if (q == *p || (q - *p > 1 && **p == '0'))
    return FALSE;
  if (q < end && (*q == '.' || *q == 'e' || *q == 'E'))
    return FALSE;

  out->text = *p;
  out->len = q - *p;
  out->type = SLOT_INT;
  *p = q;
  return TRUE;
}

static gboolean
skip_literal (const char **p,
              const char  *end)
{
  static const char *const words[] = { "true", "false", "null" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if ((gsize) (end - *p) >= n && memcmp (*p, words[i], n) == 0)
        {
          *p += n;
          return TRUE;
        }
    }
  return FALSE;
}

static int
match_key (const Key  *keys,
           const Slot *key)
{
  int i;

  for (i = 0; keys[i].name != NULL; i++)
    if (keys[i].len == key->len && memcmp (keys[i].name, key->text, key->len) == 0)
      return i;
  return -1;
}

/* One "key": value member; unknown keys may hold plain strings and literals. */
static gboolean
scan_member (const char **p,
             const char  *end,
             const Key   *keys,
             Slot        *slots)
{
  Slot key;
  Slot value = { NULL, 0, SLOT_EMPTY };
  int index;

  if (*p >= end || **p != '"' || !scan_plain_string (p, end, &key))
    return FALSE;
  *p = skip_ws (*p, end);
  if (*p >= end || **p != ':')
    return FALSE;
  *p = skip_ws (*p + 1, end);
  if (*p >= end)
    return FALSE;

  index = match_key (keys, &key);
  if (**p == '"')
    {
      if (!scan_plain_string (p, end, &value))
        return FALSE;
    }
  else if (g_ascii_isdigit (**p))
    {
      if (!scan_plain_int (p, end, &value))
        return FALSE;
    }
  else if (index >= 0 || !skip_literal (p, end))
    return FALSE;

  if (index < 0)
    return value.type != SLOT_INT;
  if (slots[index].type != SLOT_EMPTY)
    return FALSE;   /* a duplicate: the tape decoder resolves it (the last one wins) */
  slots[index] = value;
  return TRUE;
}

static gboolean
scan_flat_object (const char *payload,
                  gsize        len,
                  const Key   *keys,
                  Slot        *slots)
{
  const char *end = payload + len;
  const char *p = skip_ws (payload, end);

  if (p >= end || *p != '{')
    return FALSE;
  p = skip_ws (p + 1, end);

  for (;;)
    {
      if (!scan_member (&p, end, keys, slots))
        return FALSE;
      p = skip_ws (p, end);
      if (p < end && *p == ',')
        {
          p = skip_ws (p + 1, end);
          continue;
        }
      if (p < end && *p == '}')
        break;
      return FALSE;
    }

  return skip_ws (p + 1, end) == end;
}

/* ---- slots to event fields -------------------------------------------------------------- */

static gboolean
slot_decimal (const Slot *slot,
              QdDecimal  *out)
{
  return slot->type == SLOT_STRING && qd_decimal_parse (slot->text, slot->len, out, NULL);
}

static gboolean
slot_time (const Slot *slot,
           gint64     *out)
{
  if (slot->type == SLOT_INT)
    return parse_ns_digits (slot->text, slot->len, out);
  return slot->type == SLOT_STRING && qd_fast_scan_parse_time (slot->text, slot->len, out, NULL);
}

static gboolean
slot_id (const Slot *slot)
{
  return slot->type == SLOT_STRING && slot->len > 0;
}

static gboolean
slot_type_is (const Slot *slot,
              const char *name)
{
  if (slot->type == SLOT_EMPTY)
    return TRUE;
  return slot->type == SLOT_STRING && strlen (name) == slot->len &&
         memcmp (slot->text, name, slot->len) == 0;
}

static char *
slot_dup (const Slot *slot)
{
  return slot->type == SLOT_STRING ? g_strndup (slot->text, slot->len) : NULL;
}

static gboolean
times_from_slots (const Slot *slots,
                  int         ts_event_index,
                  gint64     *ts_event,
                  gint64     *ts_init)
{
  return slot_time (&slots[ts_event_index], ts_event) &&
         slot_time (&slots[ts_event_index + 1], ts_init);
}

static gboolean
fill_quote (const Slot *s,
            QdEvent    *event)
{
  QdDecimal d[4];
  gint64 ts_event, ts_init;
  int i;

  if (!slot_type_is (&s[0], "QuoteTick") || !slot_id (&s[1]) ||
      !times_from_slots (s, 6, &ts_event, &ts_init))
    return FALSE;
  for (i = 0; i < 4; i++)
    if (!slot_decimal (&s[2 + i], &d[i]))
      return FALSE;

  qd_event_init (event, QD_EVENT_QUOTE);
  event->ts_event = ts_event;
  event->ts_init = ts_init;
  event->u.quote.instrument_id = slot_dup (&s[1]);
  event->u.quote.bid_price = d[0];
  event->u.quote.ask_price = d[1];
  event->u.quote.bid_size = d[2];
  event->u.quote.ask_size = d[3];
  return TRUE;
}

static gboolean
fill_trade (const Slot *s,
            QdEvent    *event)
{
  QdDecimal price, size;
  gint64 ts_event, ts_init;

  /* aggressor_side and trade_id are optional, but a null for either declines. */
  if (!slot_type_is (&s[0], "TradeTick") || !slot_id (&s[1]) ||
      !slot_decimal (&s[2], &price) || !slot_decimal (&s[3], &size) ||
      s[4].type == SLOT_INT || s[5].type == SLOT_INT ||
      !times_from_slots (s, 6, &ts_event, &ts_init))
    return FALSE;

  qd_event_init (event, QD_EVENT_TRADE);
  event->ts_event = ts_event;
  event->ts_init = ts_init;
  event->u.trade.instrument_id = slot_dup (&s[1]);
  event->u.trade.price = price;
  event->u.trade.size = size;
  event->u.trade.aggressor_side = slot_dup (&s[4]);
  event->u.trade.trade_id = slot_dup (&s[5]);
  return TRUE;
}

static gboolean
fill_bar (const Slot *s,
          QdEvent    *event)
{
  QdDecimal d[5];
  gint64 ts_event, ts_init;
  char *instrument_id;
  int i;

  if (!slot_type_is (&s[0], "Bar") || !slot_id (&s[1]) ||
      !times_from_slots (s, 7, &ts_event, &ts_init))
    return FALSE;
  for (i = 0; i < 5; i++)
    if (!slot_decimal (&s[2 + i], &d[i]))
      return FALSE;
  instrument_id = qd_fast_scan_bar_instrument_id (s[1].text, s[1].len);
  if (instrument_id == NULL)
    return FALSE;

  qd_event_init (event, QD_EVENT_BAR);
  event->ts_event = ts_event;
  event->ts_init = ts_init;
  event->u.bar.bar_type = slot_dup (&s[1]);
  event->u.bar.instrument_id = instrument_id;
  event->u.bar.open = d[0];
  event->u.bar.high = d[1];
  event->u.bar.low = d[2];
  event->u.bar.close = d[3];
  event->u.bar.volume = d[4];
  return TRUE;
}

gboolean
qd_fast_scan_decode (const char  *payload,
                     gsize        len,
                     QdEventKind  kind,
                     QdEvent     *event)
{
  Slot slots[MAX_SLOTS] = { { NULL, 0, SLOT_EMPTY } };

  g_return_val_if_fail (payload != NULL || len == 0, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  switch (kind)
    {
    case QD_EVENT_QUOTE:
      return scan_flat_object (payload, len, quote_keys, slots) && fill_quote (slots, event);
    case QD_EVENT_TRADE:
      return scan_flat_object (payload, len, trade_keys, slots) && fill_trade (slots, event);
    case QD_EVENT_BAR:
      return scan_flat_object (payload, len, bar_keys, slots) && fill_bar (slots, event);

    case QD_EVENT_NONE:
    case QD_EVENT_HEARTBEAT:
    case QD_EVENT_ACCOUNT_STATE:
    case QD_EVENT_ORDER:
    case QD_EVENT_POSITION:
    case QD_EVENT_INSTRUMENT:
    case QD_EVENT_COMPONENT_STATE:
    case QD_EVENT_TRADING_STATE:
    case QD_EVENT_ACK:
    case QD_EVENT_SEED_CONNECTION:
    case QD_EVENT_SEED_ACCOUNT:
    case QD_EVENT_SEED_POSITION:
    case QD_EVENT_SEED_ORDER:
    default:
      return FALSE;
    }
}

static gboolean
has_prefix_len (const char *text,
                gsize       len,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return len >= n && memcmp (text, prefix, n) == 0;
}

QdEventKind
qd_fast_scan_guess_kind (const char *topic,
                         const char *payload,
                         gsize       len)
{
  const char *p;

  if (topic != NULL)
    {
      if (g_str_has_prefix (topic, "data.quotes."))
        return QD_EVENT_QUOTE;
      if (g_str_has_prefix (topic, "data.trades."))
        return QD_EVENT_TRADE;
      if (g_str_has_prefix (topic, "data.bars."))
        return QD_EVENT_BAR;
    }

  /* msgspec writes "type" first, so the historical.* and other topics are one memcmp. */
  if (payload == NULL)
    return QD_EVENT_NONE;
  p = skip_ws (payload, payload + len);
  len -= p - payload;
  if (has_prefix_len (p, len, "{\"type\":\"QuoteTick\""))
    return QD_EVENT_QUOTE;
  if (has_prefix_len (p, len, "{\"type\":\"TradeTick\""))
    return QD_EVENT_TRADE;
  if (has_prefix_len (p, len, "{\"type\":\"Bar\""))
    return QD_EVENT_BAR;
  return QD_EVENT_NONE;
}
