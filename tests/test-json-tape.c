/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "qd-codec.h"
#include "qd-decimal.h"
#include "qd-json-guard.h"
#include "qd-json-tape.h"

/*
 * The JSON tape the codec decodes from, on its own and against json-glib: on every
 * document both accept (every fixture and tens of thousands of mutations of them) the two
 * must see the same structure, the same strings, the same numbers and the same member
 * lookups, a repeated key giving its last value. Then the codec's reading of JSON numbers,
 * which json-glib used to hand over as doubles, and of escaped and repeated keys.
 */

#define MAX_DEPTH 32

/* ---- the tape on its own ---------------------------------------------------------------- */

static void
parse_ok (QdJsonTape *tape,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!qd_json_tape_parse (tape, text, strlen (text), MAX_DEPTH, &error))
    g_error ("tape refused %s: %s", text, error->message);
}

static guint
member (QdJsonTape *tape,
        guint       object,
        const char *key)
{
  return qd_json_tape_member (tape, object, key, strlen (key));
}

static void
assert_string (QdJsonTape *tape,
               guint       index,
               const char *expected)
{
  g_autofree char *dup = qd_json_tape_string_dup (tape, index);
  gsize len;
  const char *view = qd_json_tape_string_view (tape, index, &len);

  g_assert_cmpint (qd_json_tape_kind (tape, index), ==, QD_JSON_STRING);
  g_assert_cmpstr (dup, ==, expected);
  g_assert_cmpuint (len, ==, strlen (expected));
  g_assert_cmpmem (view, len, expected, strlen (expected));
  g_assert_cmpstr (qd_json_tape_string_peek (tape, index, &len), ==, expected);
  g_assert_true (qd_json_tape_string_equal (tape, index, expected, strlen (expected)));
}

static void
test_structure (void)
{
  static const char doc[] =
    " {\"a\": [1, {\"b\": null}, []], \"s\": \"x\", \"o\": {}, \"t\": true, \"f\": false} ";
  QdJsonTape tape;
  const QdJsonToken *t;
  QdJsonIter iter;
  guint key, value, n = 0;

  qd_json_tape_init (&tape);
  parse_ok (&tape, doc);
  t = tape.tokens;

  /* {, "a", [, 1, {, "b", null, [], "s", "x", "o", {}, "t", true, "f", false */
  g_assert_cmpuint (tape.n_tokens, ==, 16);
  g_assert_cmpint (t[0].kind, ==, QD_JSON_OBJECT);
  g_assert_cmpuint (t[0].next, ==, 16);
  g_assert_cmpuint (t[0].start, ==, 1);
  g_assert_cmpint (t[2].kind, ==, QD_JSON_ARRAY);
  g_assert_cmpuint (t[2].next, ==, 8);
  g_assert_cmpint (t[4].kind, ==, QD_JSON_OBJECT);
  g_assert_cmpuint (t[4].next, ==, 7);
  g_assert_cmpint (t[6].kind, ==, QD_JSON_NULL);
  g_assert_cmpuint (t[7].next, ==, 8);
  g_assert_cmpint (t[13].kind, ==, QD_JSON_TRUE);
  g_assert_cmpint (t[15].kind, ==, QD_JSON_FALSE);

  g_assert_cmpuint (member (&tape, 0, "a"), ==, 2);
  g_assert_cmpuint (member (&tape, 0, "o"), ==, 11);
  g_assert_cmpuint (member (&tape, 0, "b"), ==, QD_JSON_TAPE_NONE);   /* not a direct child */
  g_assert_cmpuint (member (&tape, 4, "b"), ==, 6);
  assert_string (&tape, member (&tape, 0, "s"), "x");

  qd_json_iter_init (&iter, &tape, 2);
  while (qd_json_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (key, ==, QD_JSON_TAPE_NONE);
      n++;
    }
  g_assert_cmpuint (n, ==, 3);

  n = 0;
  qd_json_iter_init (&iter, &tape, 0);
  while (qd_json_iter_next (&iter, &key, &value))
    {
      g_assert_cmpint (qd_json_tape_kind (&tape, key), ==, QD_JSON_STRING);
      n++;
    }
  g_assert_cmpuint (n, ==, 5);
  qd_json_tape_clear (&tape);
}

static void
test_strings (void)
{
  static const char doc[] =
    "{\"plain\":\"caf\xc3\xa9\",\"esc\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\","
    "\"u\":\"\\u00e9\\u20ac\\ud83d\\ude00\\u0041\",\"empty\":\"\","
    "\"\\u0074ype\":\"escaped key\",\"long\":\"\\u0078xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";
  QdJsonTape tape;

  qd_json_tape_init (&tape);
  parse_ok (&tape, doc);

  assert_string (&tape, member (&tape, 0, "plain"), "caf\xc3\xa9");
  assert_string (&tape, member (&tape, 0, "esc"), "a\"b\\c/d\b\f\n\r\t");
  assert_string (&tape, member (&tape, 0, "u"), "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80" "A");
  assert_string (&tape, member (&tape, 0, "empty"), "");
  assert_string (&tape, member (&tape, 0, "type"), "escaped key");
  assert_string (&tape, member (&tape, 0, "long"), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_assert_false (qd_json_tape_string_equal (&tape, member (&tape, 0, "u"), "x", 1));
  g_assert_cmpuint (member (&tape, 0, "\\u0074ype"), ==, QD_JSON_TAPE_NONE);
  qd_json_tape_clear (&tape);
}

static void
test_duplicates (void)
{
  static const char doc[] =
    "{\"k\":1,\"x\":{\"k\":\"inner\"},\"k\":2,\"\\u006b\":3,\"y\":[],\"y\":null}";
  QdJsonTape tape;

  qd_json_tape_init (&tape);
  parse_ok (&tape, doc);

  /* The last one, escaped spelling included; nested objects are not searched. */
  g_assert_cmpint (qd_json_tape_get_int (&tape, member (&tape, 0, "k")), ==, 3);
  g_assert_cmpint (qd_json_tape_kind (&tape, member (&tape, 0, "y")), ==, QD_JSON_NULL);
  qd_json_tape_clear (&tape);
}

static void
test_numbers (void)
{
  static const char doc[] =
    "[0,-0,42,-7,9223372036854775807,-9223372036854775808,1.5,-0.0,1e2,1E-2,2.5e+3,"
    "1e400,123456789012345678901234567890.5]";
  static const double doubles[] = {
    0, 0, 42, -7, 9223372036854775807.0, -9223372036854775808.0, 1.5, -0.0, 100, 0.01,
    2500, INFINITY, 123456789012345678901234567890.5,
  };
  QdJsonTape tape;
  QdJsonIter iter;
  guint key, value, i = 0;
  gsize len;

  qd_json_tape_init (&tape);
  parse_ok (&tape, doc);

  qd_json_iter_init (&iter, &tape, 0);
  while (qd_json_iter_next (&iter, &key, &value))
    {
      g_assert_cmpint (qd_json_tape_kind (&tape, value), ==, QD_JSON_NUMBER);
      g_assert_cmpfloat (qd_json_tape_get_double (&tape, value), ==, doubles[i]);
      g_assert_cmpint ((tape.tokens[value].flags & QD_JSON_TOKEN_INTEGER) != 0, ==, i < 6);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (doubles));

  g_assert_cmpint (qd_json_tape_get_int (&tape, 5), ==, G_MAXINT64);
  g_assert_cmpint (qd_json_tape_get_int (&tape, 6), ==, G_MININT64);
  g_assert_cmpint (qd_json_tape_get_int (&tape, 2), ==, 0);
  g_assert_cmpmem (qd_json_tape_number_text (&tape, 11, &len), len, "2.5e+3", 6);
  qd_json_tape_clear (&tape);
}

/* Same verdicts, codes and messages as the guard, and nothing left on the tape. */
static void
test_errors_match_guard (void)
{
  static const char *const texts[] = {
    "", "  ", "{\"a\":1,}", "{'a':1}", "{\"a\":01}", "{\"a\":\"x\\u0000\"}", "{\"a\":\"\\ud83d\"}",
    "{\"a\":99999999999999999999}", "{\"a\":\"\xff\"}", "[[[[1]]]]", "{\"a\":1} x", "[1,2",
    "{\"a\":[1,{\"b\":2}]}", "\"just a string\"", "-12.5e3",
  };
  QdJsonTape tape;
  guint i;

  qd_json_tape_init (&tape);
  for (i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) guard_error = NULL;
      g_autoptr(GError) tape_error = NULL;
      gsize len = strlen (texts[i]);
      gboolean guard_ok = qd_json_guard_check (texts[i], len, 3, &guard_error);

      g_assert_cmpint (qd_json_tape_parse (&tape, texts[i], len, 3, &tape_error), ==, guard_ok);
      if (guard_ok)
        continue;
      g_assert_error (tape_error, guard_error->domain, guard_error->code);
      g_assert_cmpstr (tape_error->message, ==, guard_error->message);
      g_assert_cmpuint (tape.n_tokens, ==, 0);
    }
  qd_json_tape_clear (&tape);
}

/* Buffers are reused across documents, and a big document does not stay resident. */
static void
test_reuse_and_trim (void)
{
  g_autoptr(GString) big = g_string_new ("[");
  QdJsonTape tape;
  guint i;

  for (i = 0; i < 100000; i++)
    g_string_append (big, i == 0 ? "1" : ",1");
  g_string_append_c (big, ']');

  qd_json_tape_init (&tape);
  parse_ok (&tape, big->str);
  g_assert_cmpuint (tape.n_tokens, ==, 100001);
  g_assert_cmpuint (tape.tokens[0].next, ==, 100001);
  qd_json_tape_trim (&tape);
  g_assert_cmpuint (tape.capacity, ==, 0);

  parse_ok (&tape, "{\"a\":\"b\"}");
  qd_json_tape_trim (&tape);
  g_assert_cmpuint (tape.capacity, >, 0);
  parse_ok (&tape, "{\"c\":\"d\"}");
  assert_string (&tape, member (&tape, 0, "c"), "d");
  qd_json_tape_clear (&tape);
}

/* ---- against json-glib ------------------------------------------------------------------ */

typedef struct
{
  guint documents;
  guint both_accept;
  guint guard_only;     /* must stay 0: json-glib refusing what the codec now decodes */
  guint duplicates;
  guint escapes;
  guint floats;
} Tally;

static void compare_node (QdJsonTape *tape,
                          guint       index,
                          JsonNode   *node,
                          Tally      *tally);

static void
compare_string (QdJsonTape *tape,
                guint       index,
                JsonNode   *node,
                Tally      *tally)
{
  g_autofree char *dup = qd_json_tape_string_dup (tape, index);
  const char *expected;

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  expected = json_node_get_string (node);
  g_assert_cmpstr (dup, ==, expected);
  g_assert_true (qd_json_tape_string_equal (tape, index, expected, strlen (expected)));
  if (tape->tokens[index].flags & QD_JSON_TOKEN_ESCAPED)
    tally->escapes++;
}

static void
compare_number (QdJsonTape *tape,
                guint       index,
                JsonNode   *node,
                Tally      *tally)
{
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  if (tape->tokens[index].flags & QD_JSON_TOKEN_INTEGER)
    {
      g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
      g_assert_cmpint (qd_json_tape_get_int (tape, index), ==, json_node_get_int (node));
    }
  else
    {
      double a = qd_json_tape_get_double (tape, index);
      double b;

      g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
      b = json_node_get_double (node);
      /* Bit for bit: -0.0 and 0.0 must not be confused either. */
      g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
      tally->floats++;
    }
}

static void
compare_array (QdJsonTape *tape,
               guint       index,
               JsonArray  *array,
               Tally      *tally)
{
  QdJsonIter iter;
  guint key, value, n = 0;

  qd_json_iter_init (&iter, tape, index);
  while (qd_json_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (n, <, json_array_get_length (array));
      compare_node (tape, value, json_array_get_element (array, n), tally);
      n++;
    }
  g_assert_cmpuint (n, ==, json_array_get_length (array));
}

static void
compare_object (QdJsonTape *tape,
                guint       index,
                JsonObject *object,
                Tally      *tally)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) names = json_object_get_members (object);
  QdJsonIter iter;
  guint key, value, n = 0;
  GList *l;

  /* The same set of keys... */
  qd_json_iter_init (&iter, tape, index);
  while (qd_json_iter_next (&iter, &key, &value))
    {
      g_hash_table_add (keys, qd_json_tape_string_dup (tape, key));
      n++;
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, json_object_get_size (object));
  if (n > g_hash_table_size (keys))
    tally->duplicates++;

  /* ...and each lookup finds json-glib's value (the last of repeated keys). */
  for (l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      guint found = qd_json_tape_member (tape, index, name, strlen (name));

      g_assert_true (g_hash_table_contains (keys, name));
      g_assert_cmpuint (found, !=, QD_JSON_TAPE_NONE);
      compare_node (tape, found, json_object_get_member (object, name), tally);
    }
}

static void
compare_node (QdJsonTape *tape,
              guint       index,
              JsonNode   *node,
              Tally      *tally)
{
  switch (qd_json_tape_kind (tape, index))
    {
    case QD_JSON_OBJECT:
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      compare_object (tape, index, json_node_get_object (node), tally);
      break;
    case QD_JSON_ARRAY:
      g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
      compare_array (tape, index, json_node_get_array (node), tally);
      break;
    case QD_JSON_STRING:
      compare_string (tape, index, node, tally);
      break;
    case QD_JSON_NUMBER:
      compare_number (tape, index, node, tally);
      break;
    case QD_JSON_TRUE:
    case QD_JSON_FALSE:
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
      g_assert_cmpint (json_node_get_boolean (node), ==,
                       qd_json_tape_kind (tape, index) == QD_JSON_TRUE);
      break;
    case QD_JSON_NULL:
    default:
      g_assert_true (JSON_NODE_HOLDS_NULL (node));
      break;
    }
}

/*
 * One document through the guard, the tape and, when the guard took it, json-glib. As in
 * the codec before the tape, json-glib never sees what the guard refuses: it recurses per
 * nesting level, and 1.6 leaks a buffer on a malformed surrogate pair.
 */
static void
compare_document (QdJsonTape *tape,
                  JsonParser *parser,
                  const char *text,
                  gsize       len,
                  Tally      *tally)
{
  g_autoptr(GError) guard_error = NULL;
  g_autoptr(GError) tape_error = NULL;
  g_autoptr(GError) glib_error = NULL;
  gboolean guard_ok = qd_json_guard_check (text, len, MAX_DEPTH, &guard_error);
  gboolean tape_ok = qd_json_tape_parse (tape, text, len, MAX_DEPTH, &tape_error);

  tally->documents++;
  g_assert_cmpint (tape_ok, ==, guard_ok);
  if (!tape_ok)
    {
      g_assert_cmpstr (tape_error->message, ==, guard_error->message);
      g_assert_cmpuint (tape->n_tokens, ==, 0);
      return;
    }

  if (!json_parser_load_from_data (parser, text, len, &glib_error))
    {
      tally->guard_only++;
      g_test_message ("json-glib refuses what the guard accepts (%s): %.*s",
                      glib_error->message, (int) MIN (len, 300), text);
      return;
    }

  tally->both_accept++;
  compare_node (tape, QD_JSON_TAPE_ROOT, json_parser_get_root (parser), tally);
}

/* ---- mutations -------------------------------------------------------------------------- */

static const char *const insertions[] = {
  "{", "}", "[", "]", "\"", "\\", ",", ":", "0", "-", ".", "e", "E", "+", "null", "true",
  "false", " ", "\n", "\t", "\\u0000", "\\ud800", "\\udc00", "\\u00e9", "\\n", "\\/",
  "\\ud83d\\ude00", "\xff", "\xc3\xa9", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "/*c*/", "'",
};

static const char *const values[] = {
  "99999999999999999999", "9223372036854775807", "-9223372036854775808",
  "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e-400", "4.9e-324",
  "1.7976931348623157e308", "0.1000000000000000055511151231257827", "123456789.123456789",
  "12345678901234567890.5", "-0", "-0.0", "0e0", "1E+2", "2.5e-7", "100.000000000",
  "9007199254740993", "9007199254740993.0", "0.30000000000000004", "1" "000000000000000000000",
  "\"\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\"",
  "{}", "[]", "[[],[[]]]", "{\"\":{\"\":[]}}", "null", "true", "false",
};

/* The end of the JSON value starting at `from` (a rough scan: the input may be broken). */
static gsize
value_end (const GString *s,
           gsize          from)
{
  gboolean in_string = FALSE;
  int depth = 0;
  gsize i;

  for (i = from; i < s->len; i++)
    {
      char c = s->str[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                return i + 1;
            }
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']' || (c == ',' && depth == 0))
        {
          if (depth == 0)
            return i;
          if (--depth == 0)
            return i + 1;
        }
    }
  return s->len;
}

/* A member's value: [*start, *end), the key being [*key, colon]. FALSE if there is none. */
static gboolean
pick_member (GRand         *rand,
             const GString *s,
             gsize         *key,
             gsize         *start,
             gsize         *end)
{
  gsize from = s->len > 0 ? (gsize) g_rand_int_range (rand, 0, s->len) : 0;
  const char *colon = g_strstr_len (s->str + from, s->len - from, "\":");

  if (colon == NULL)
    colon = g_strstr_len (s->str, s->len, "\":");
  if (colon == NULL)
    return FALSE;

  *start = colon + 2 - s->str;
  *end = value_end (s, *start);
  for (*key = colon - s->str; *key > 0 && s->str[*key - 1] != '"'; (*key)--)
    ;
  *key = *key > 0 ? *key - 1 : 0;
  return TRUE;
}

static void
mutate_member (GRand   *rand,
               GString *s,
               guint    how)
{
  gsize key, start, end;
  const char *value = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];

  if (!pick_member (rand, s, &key, &start, &end))
    return;

  if (how == 0)
    {
      /* The same key again, right after, with another value. */
      g_autofree char *name = g_strndup (s->str + key, start - 1 - key);
      g_autofree char *dup = g_strdup_printf (",%s:%s", name, value);

      g_string_insert (s, end, dup);
    }
  else if (how == 1)
    {
      g_string_erase (s, start, end - start);
      g_string_insert (s, start, value);
    }
  else
    {
      /* Bury the value under 1..40 levels: around the depth cap of 32. */
      guint levels = g_rand_int_range (rand, 1, 41);
      gboolean objects = g_rand_boolean (rand);
      guint i;

      for (i = 0; i < levels; i++)
        g_string_insert (s, end, objects ? "}" : "]");
      for (i = 0; i < levels; i++)
        g_string_insert (s, start, objects ? "{\"n\":" : "[");
    }
}

/* An ASCII letter of a string rewritten as \u00XX, or a key spelt with an escape. */
static void
mutate_escape (GRand   *rand,
               GString *s)
{
  gsize from = s->len > 0 ? (gsize) g_rand_int_range (rand, 0, s->len) : 0;
  gsize i;

  for (i = from; i + 1 < s->len; i++)
    {
      if (s->str[i] == '"' && g_ascii_isalpha (s->str[i + 1]))
        {
          char escape[7];

          g_snprintf (escape, sizeof escape, "\\u%04x", (guint) (guchar) s->str[i + 1]);
          g_string_erase (s, i + 1, 1);
          g_string_insert (s, i + 1, escape);
          return;
        }
    }
}

static void
mutate_bytes (GRand   *rand,
              GString *s,
              guint    how)
{
  gsize pos = s->len > 0 ? (gsize) g_rand_int_range (rand, 0, s->len) : 0;
  gsize n = (gsize) g_rand_int_range (rand, 1, 9);

  n = MIN (n, s->len - pos);
  switch (how)
    {
    case 0:
      if (s->len > 0)
        s->str[pos] ^= (char) (1 << g_rand_int_range (rand, 0, 8));
      break;
    case 1:
      if (s->len > 0)
        s->str[pos] = (char) g_rand_int_range (rand, 0, 256);
      break;
    case 2:
      g_string_truncate (s, pos);
      break;
    case 3:
      g_string_insert (s, pos, insertions[g_rand_int_range (rand, 0, G_N_ELEMENTS (insertions))]);
      break;
    default:
      g_string_erase (s, pos, n);
      break;
    }
}

static void
mutate (GRand   *rand,
        GString *s)
{
  guint how = g_rand_int_range (rand, 0, 10);

  if (how < 5)
    mutate_bytes (rand, s, how);
  else if (how < 8)
    mutate_member (rand, s, how - 5);
  else
    mutate_escape (rand, s);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
load_fixtures (void)
{
  static const char *const dirs[] = { "native", "seed", "iso" };
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint d;

  for (d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_build_filename (QD_FIXTURES_DIR, dirs[d], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint i;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_strdup (name));
      /* Directory order is the file system's; the mutation sequence must not depend on it. */
      g_ptr_array_sort (names, compare_names);
      for (i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);
          char *contents = NULL;
          gsize len;

          g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
          g_ptr_array_add (texts, g_bytes_new_take (contents, len));
        }
    }
  g_assert_cmpuint (texts->len, >, 40);
  return texts;
}

static void
test_against_json_glib (void)
{
  g_autoptr(GPtrArray) fixtures = load_fixtures ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x7a9e);
  g_autoptr(JsonParser) parser = json_parser_new ();
  Tally tally = { 0 };
  QdJsonTape tape;
  guint i;

  qd_json_tape_init (&tape);
  for (i = 0; i < fixtures->len; i++)
    {
      gsize len;
      const char *text = g_bytes_get_data (fixtures->pdata[i], &len);

      compare_document (&tape, parser, text, len, &tally);
    }
  /* Every fixture is valid JSON. */
  g_assert_cmpuint (tally.both_accept, ==, fixtures->len);

  for (i = 0; i < 25000; i++)
    {
      GBytes *base = fixtures->pdata[g_rand_int_range (rand, 0, fixtures->len)];
      g_autoptr(GString) s = g_string_new_len (g_bytes_get_data (base, NULL),
                                               g_bytes_get_size (base));
      guint k, n = g_rand_int_range (rand, 1, 4);

      for (k = 0; k < n; k++)
        mutate (rand, s);
      compare_document (&tape, parser, s->str, s->len, &tally);
    }
  qd_json_tape_clear (&tape);

  g_test_message ("%u documents: %u accepted by both, %u with repeated keys, %u escaped "
                  "strings, %u floats compared", tally.documents, tally.both_accept,
                  tally.duplicates, tally.escapes, tally.floats);
  g_assert_cmpuint (tally.guard_only, ==, 0);
  /* The loop must actually exercise what it claims to. */
  g_assert_cmpuint (tally.both_accept, >, 5000);
  g_assert_cmpuint (tally.duplicates, >, 500);
  g_assert_cmpuint (tally.escapes, >, 1000);
  g_assert_cmpuint (tally.floats, >, 1000);
}

/* ---- the codec on the tape -------------------------------------------------------------- */

#define POSITION_TOPIC "adapter.interactive_brokers.position"

/* IBPosition with `number` as its position, decoded; FALSE with *error on failure. */
static gboolean
decode_position (QdCodec     *codec,
                 const char  *number,
                 QdDecimal   *out,
                 GError     **error)
{
  g_autofree char *payload = g_strdup_printf ("{\"account_id\":\"DU1\",\"contract_id\":1,"
                                              "\"symbol\":\"X\",\"position\":%s}", number);
  QdEvent event;

  if (!qd_codec_decode (codec, POSITION_TOPIC, payload, strlen (payload), &event, error))
    return FALSE;
  *out = event.u.seed_position.position;
  qd_event_clear (&event);
  return TRUE;
}

static void
test_codec_numbers (void)
{
  static const struct
  {
    const char *number;
    const char *decimal;   /* NULL: MALFORMED */
  } cases[] = {
    { "187.10", "187.1" }, { "100.0", "100" }, { "-0.0", "0" }, { "42", "42" }, { "-7", "-7" },
    { "123.456789012", "123.456789012" },
    /* Beyond a double's 15-16 digits, the written digits (json-glib gave ...992). */
    { "9007199254740993.0", "9007199254740993" },
    /* Exponents, more than nine places, or too many digits for a decimal: the double's
     * shortest text, rounded half-even to nine places, as before. */
    { "1.5e2", "150" }, { "1E-3", "0.001" }, { "0.1234567891", "0.123456789" },
    { "0.0000000005", "0" }, { "0.0000000015", "0.000000002" },
    { "12345678901.123456789", "12345678901.123457" },
    { "9223372036854775807", "9223372036854775807" },
    { "-9223372036854775808", NULL }, { "1e300", NULL }, { "1e400", NULL },
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      char buf[QD_DECIMAL_STR_MAX];
      QdDecimal value;

      if (cases[i].decimal == NULL)
        {
          g_assert_false (decode_position (codec, cases[i].number, &value, &error));
          g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);
          g_assert_nonnull (strstr (error->message, "\"position\""));
          continue;
        }
      if (!decode_position (codec, cases[i].number, &value, &error))
        g_error ("%s: %s", cases[i].number, error->message);
      g_assert_cmpstr (qd_decimal_format (value, buf), ==, cases[i].decimal);
    }
}

/* A random JSON number: sign, 1..20 integer digits, maybe a fraction, maybe an exponent. */
static char *
random_number (GRand *rand)
{
  GString *s = g_string_new (g_rand_boolean (rand) ? "-" : "");
  guint n = g_rand_int_range (rand, 1, 21);
  guint i;

  g_string_append_c (s, n == 1 ? '0' + g_rand_int_range (rand, 0, 10)
                               : '1' + g_rand_int_range (rand, 0, 9));
  for (i = 1; i < n; i++)
    g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
  if (g_rand_int_range (rand, 0, 4) != 0)
    {
      g_string_append_c (s, '.');
      for (i = g_rand_int_range (rand, 1, 13); i > 0; i--)
        g_string_append_c (s, '0' + g_rand_int_range (rand, 0, 10));
    }
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_string_append_printf (s, "e%d", g_rand_int_range (rand, -25, 25));
  return g_string_free (s, FALSE);
}

/* Digits that carry the value: no sign, point, exponent, leading or trailing zeros. */
static guint
significant_digits (const char *number)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p;

  for (p = number; *p != '\0' && *p != 'e'; p++)
    if (g_ascii_isdigit (*p) && (digits->len > 0 || *p != '0'))
      g_string_append_c (digits, *p);
  while (digits->len > 0 && digits->str[digits->len - 1] == '0' && strchr (number, '.') != NULL)
    g_string_truncate (digits, digits->len - 1);
  return digits->len;
}

/* What the codec should make of `number`, from json-glib's reading of it. */
static gboolean
expected_number (JsonParser *parser,
                 const char *number,
                 QdDecimal  *out)
{
  g_autofree char *doc = g_strdup_printf ("[%s]", number);
  JsonNode *node;
  const char *point = strchr (number, '.');
  gboolean plain = point != NULL && strchr (number, 'e') == NULL && strlen (point + 1) <= 9;

  g_assert_true (json_parser_load_from_data (parser, doc, -1, NULL));
  node = json_array_get_element (json_node_get_array (json_parser_get_root (parser)), 0);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = qd_decimal_from_int (json_node_get_int (node));
      return TRUE;
    }

  /* Written digits win over the double's only where a double cannot hold them. */
  if (plain && qd_decimal_parse (number, -1, out, NULL))
    {
      QdDecimal via_double;

      *out = qd_decimal_normalize (*out);
      if (significant_digits (number) <= 15)
        {
          g_assert_true (qd_decimal_from_double (json_node_get_double (node), 9, &via_double,
                                                 NULL));
          g_assert_true (qd_decimal_identical (*out, via_double));
        }
      return TRUE;
    }
  return qd_decimal_from_double (json_node_get_double (node), 9, out, NULL);
}

static void
test_codec_random_numbers (void)
{
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (0xdec1);
  guint i, decoded = 0;

  for (i = 0; i < 20000; i++)
    {
      g_autofree char *number = random_number (rand);
      g_autoptr(GError) error = NULL;
      QdDecimal expected = QD_DECIMAL_NONE, value = QD_DECIMAL_NONE;
      gboolean guard_ok = qd_json_guard_check (number, strlen (number), 1, NULL);
      gboolean ok = decode_position (codec, number, &value, &error);

      /* Integers past 64 bits: the guard's; everything else the number rule's. */
      if (!guard_ok || !expected_number (parser, number, &expected))
        {
          if (ok)
            g_error ("%s decoded", number);
          g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_MALFORMED);
          continue;
        }
      if (!ok)
        g_error ("%s: %s", number, error->message);
      if (!qd_decimal_identical (value, expected))
        g_error ("%s: %" G_GINT64_FORMAT "/%d, expected %" G_GINT64_FORMAT "/%d", number,
                 value.raw, value.scale, expected.raw, expected.scale);
      decoded++;
    }
  g_assert_cmpuint (decoded, >, 10000);
}

static QdEvent
decode_order (QdCodec    *codec,
              const char *payload)
{
  g_autoptr(GError) error = NULL;
  QdEvent event;

  if (!qd_codec_decode (codec, "events.order.X", payload, strlen (payload), &event, &error))
    g_error ("%s: %s", error->message, payload);
  g_assert_cmpint (event.kind, ==, QD_EVENT_ORDER);
  return event;
}

/* Escaped key spellings are the same keys; a key given twice reads as its last value. */
static void
test_codec_keys (void)
{
  static const char *const payloads[] = {
    "{\"type\":\"OrderCanceled\",\"client_order_id\":\"O-1\",\"instrument_id\":\"A.B\","
    "\"ts_event\":\"1\",\"ts_init\":\"2\"}",
    "{\"\\u0074ype\":\"Order\\u0043anceled\",\"client_\\u006frder_id\":\"O-\\u0031\","
    "\"instrument_id\":\"A.B\",\"ts_event\":\"1\",\"ts_init\":\"2\"}",
    "{\"type\":\"OrderCanceled\",\"client_order_id\":\"FIRST\",\"instrument_id\":\"A.B\","
    "\"ts_event\":\"1\",\"ts_init\":\"2\",\"client_order_id\":\"O-1\"}",
    "{\"type\":\"OrderCanceled\",\"client_order_id\":null,\"instrument_id\":\"A.B\","
    "\"ts_event\":\"1\",\"ts_init\":\"2\",\"client_\\u006frder_id\":\"O-1\"}",
  };
  g_autoptr(QdCodec) codec = qd_codec_new ();
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      QdEvent event = decode_order (codec, payloads[i]);

      g_assert_cmpint (event.u.order.kind, ==, QD_ORDER_EVENT_CANCELED);
      g_assert_cmpstr (event.u.order.client_order_id, ==, "O-1");
      g_assert_cmpint (event.ts_init, ==, 2);
      qd_event_clear (&event);
    }

  /* The last value decides even when it is the wrong one. */
  {
    static const char wrong[] = "{\"type\":\"OrderCanceled\",\"type\":7}";
    QdEvent event;

    g_assert_false (qd_codec_decode (codec, "events.order.X", wrong, strlen (wrong), &event,
                                     &error));
    g_assert_error (error, QD_CODEC_ERROR, QD_CODEC_ERROR_WRONG_TYPE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-tape/structure", test_structure);
  g_test_add_func ("/json-tape/strings", test_strings);
  g_test_add_func ("/json-tape/duplicates", test_duplicates);
  g_test_add_func ("/json-tape/numbers", test_numbers);
  g_test_add_func ("/json-tape/errors-match-guard", test_errors_match_guard);
  g_test_add_func ("/json-tape/reuse-and-trim", test_reuse_and_trim);
  g_test_add_func ("/json-tape/against-json-glib", test_against_json_glib);
  g_test_add_func ("/json-tape/codec/numbers", test_codec_numbers);
  g_test_add_func ("/json-tape/codec/random-numbers", test_codec_random_numbers);
  g_test_add_func ("/json-tape/codec/keys", test_codec_keys);

  return g_test_run ();
}
